#pragma once
// The vehicle's end of the link: a DEALER socket to the center's ROUTER, fed from the outbox.
//
// - Live lane: readings submitted while the link is up go out at the end of the same loop turn
//   (batched into one frame when several arrive together).
// - Backlog: what the outbox still holds drains oldest first, in frames of up to ~48 KiB, with
//   at most `window` messages unacknowledged, so it never starves the live lane.
// - After every (re)connect: hello, then the newest fix first, then the backlog.
// - Paranoid Pirate heartbeats: both ends send one every heartbeat_ms; when the center is silent
//   for heartbeat_ms * liveness the socket is dropped and reopened after a backoff that doubles
//   up to backoff_max_ms. Unacknowledged messages are resent (go-back-N after ack_timeout_ms).
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <zmq.hpp>

#include "link/clock.hpp"
#include "link/security.hpp"
#include "protocol/messages.hpp"
#include "vehicle_agent/outbox.hpp"

namespace ems120::agent {

struct UplinkConfig {
    std::string endpoint;
    link::ClientSecurity security;
    protocol::VehicleId vehicle;
    std::string software_version = "ems120-agent";
    std::vector<std::string> capabilities{"fix", "vitals", "status", "orders"};
    int heartbeat_ms = 1000;
    int liveness = 3;
    int backoff_min_ms = 500, backoff_max_ms = 30'000;
    int ack_timeout_ms = 5'000;
    std::size_t window = 4'000;
    std::size_t max_frame_bytes = 48 * 1024;
    std::function<void(const std::string&)> log = [](const std::string&) {};
    // A new dispatch order reached the unit (once per order id); the uplink acknowledges it when
    // `acknowledge_orders`, otherwise the crew does (the crew screen's [A], agent.hpp).
    std::function<void(const protocol::DispatchOrder&)> on_order;
    bool acknowledge_orders = true;
    // The center cancelled an order (once per order id; the center resends it, the unit answers nothing).
    std::function<void(const protocol::OrderCancel&)> on_order_cancel;
};

enum class LinkState { connecting, handshaking, up, waiting_to_reconnect };
std::string_view to_string(LinkState state);

struct UplinkCounters {
    std::uint64_t frames_sent = 0, messages_sent = 0, resent = 0;
    std::uint64_t acks = 0, rejects = 0, reconnects = 0, orders = 0, cancels = 0;
};

class Uplink {
public:
    Uplink(zmq::context_t& context, UplinkConfig config, Outbox& outbox, const link::Clock& clock);

    // Stores the reading in the outbox and queues it for the live lane; returns its seq.
    protocol::Seq submit(protocol::Body body);
    // Handles what the center sent (call when the socket is readable; never blocks).
    void receive();
    // Flushes the outbox, sends the live lane, then backlog; heartbeats, liveness, reconnects.
    void tick();
    // The socket to include in the poll loop, and when tick() must run at the latest.
    zmq::socket_t& socket() { return socket_; }
    std::int64_t next_due_ms() const;

    LinkState state() const { return state_; }
    const UplinkCounters& counters() const { return counters_; }
    std::size_t in_flight() const { return in_flight_.size(); }
    // Steady time of the center's last acknowledgement; none before the first.
    std::optional<std::int64_t> last_ack_steady_ms() const { return last_ack_ms_; }

private:
    void open_socket();
    void connection_lost(const std::string& why);
    void on_message(protocol::Message& message);
    void on_ack(const protocol::Ack& ack);
    bool send_frame(const std::string& frame);
    bool send_control(const protocol::Body& body);
    // Appends pending messages to frames and sends them; stops when the socket would block.
    void send_seqs(const std::vector<protocol::Seq>& seqs);
    void send_backlog();
    void set_state(LinkState state, const std::string& why);

    zmq::context_t& context_;
    UplinkConfig config_;
    Outbox& outbox_;
    const link::Clock& clock_;
    zmq::socket_t socket_;
    LinkState state_ = LinkState::connecting;
    std::int64_t last_heard_ms_ = 0, last_heartbeat_ms_ = 0, reconnect_at_ms_ = 0, state_since_ms_ = 0;
    int backoff_ms_;
    std::vector<protocol::Seq> live_;
    std::map<protocol::Seq, std::int64_t> in_flight_;  // seq -> when sent
    protocol::Seq backlog_cursor_ = 0;                  // backlog below this was sent
    bool newest_fix_first_ = false;
    std::map<std::string, bool> orders_seen_;
    std::set<std::string> cancels_seen_;
    UplinkCounters counters_;
    std::optional<std::int64_t> last_ack_ms_;
    std::string frame_;
};

}  // namespace ems120::agent
