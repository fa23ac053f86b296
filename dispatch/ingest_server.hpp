#pragma once
// The center's end of the vehicle link: a ROUTER socket that takes telemetry frames from every
// vehicle's DEALER, de-duplicates by (vehicle, seq), journals, updates the fleet state and then
// acknowledges (journal before ack: nothing acknowledged can be lost). Paranoid-Pirate heartbeats
// both ways; a vehicle silent for stale_after_ms is marked stale. A control socket (REP) answers
// `ems120 fleet` and takes dispatch orders for vehicles. One thread runs it all (the ZAP handler,
// when CURVE is on, is the only other thread).
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>
#include <vector>
#include <zmq.hpp>

#include "dispatch/call_intake.hpp"
#include "dispatch/coverage_monitor.hpp"
#include "dispatch/dispatch_center.hpp"
#include "dispatch/fleet_state.hpp"
#include "dispatch/telemetry_journal.hpp"
#include "dispatch/vitals_history.hpp"
#include "link/allow_list.hpp"
#include "link/clock.hpp"
#include "link/security.hpp"
#include "protocol/codec.hpp"

namespace ems120::link {
class ZapHandler;
}

namespace ems120::dispatch {

// The dispatch center's part of the server: without it the server only ingests telemetry.
struct CenterSetup {
    CenterOptions options;
    TravelModes modes;
    DestinationChooser destinations;
    PlaceFinder places;
    // Live coverage of these places by free units (on the normal graph); none without places.
    std::vector<MapPoint> coverage_places;
    std::vector<MapPoint> stations;  // move-up targets
    LiveCoverageOptions coverage;
    int coverage_interval_ms = 1000;  // at most this often, and only after something changed
};

struct IngestConfig {
    std::string listen = "tcp://0.0.0.0:7120";
    std::string control;  // REP endpoint for fleet queries and orders; empty = none
    link::ServerSecurity security;       // keys unset = --insecure
    std::optional<link::AllowList> allow_list;  // required with CURVE
    JournalOptions journal;
    int heartbeat_ms = 1000;
    int stale_after_ms = 10'000;
    int order_resend_ms = 5'000;
    std::int64_t max_future_ms = 5 * 60'000;
    std::optional<CenterSetup> center;
    // Or built once the sockets are bound (loading a map takes seconds: a taken port should not
    // wait for it). Used when `center` is empty.
    std::function<CenterSetup()> make_center;
    std::vector<std::string> events;  // PUB endpoints for consoles ("topic" frame + JSON frame); may be empty
    std::function<void(const std::string&)> log = [](const std::string&) {};
    // Called after an accepted message changed the fleet state (benchmarks measure latency here).
    std::function<void(const VehicleState&, const protocol::Message&)> on_applied;
};

struct IngestCounters {
    std::uint64_t frames = 0;
    std::uint64_t messages = 0;
    std::uint64_t accepted = 0;
    std::uint64_t duplicates = 0;
    std::uint64_t rejected = 0;
    std::uint64_t unidentified_rejects = 0;  // malformed frames from a peer that never said who it is
    std::uint64_t refused_connections = 0;   // keys not in the allow-list, plaintext clients
};

class IngestServer {
public:
    IngestServer(zmq::context_t& context, IngestConfig config, const link::Clock& clock);
    ~IngestServer();

    // Serves until `stop` becomes true (checked at least every heartbeat interval).
    void run(const std::atomic<bool>& stop);
    // One turn of the loop: waits up to timeout_ms for traffic, handles what came, runs timers.
    void run_once(int timeout_ms);

    const FleetState& fleet() const { return fleet_; }
    IngestCounters counters() const;
    // Sends an order now and again every order_resend_ms until the crew's screen acknowledges it.
    void send_order(const protocol::VehicleId& vehicle, const protocol::DispatchOrder& order);
    // The fleet as JSON text (what `ems120 fleet --json` prints).
    std::string fleet_json() const;
    const std::vector<std::string>& startup_notes() const { return startup_notes_; }
    // Null when the server runs without a dispatch center.
    const DispatchCenter* center() const { return center_.get(); }
    const VitalsHistory& vitals_history() const { return vitals_; }

private:
    // The center journals into the telemetry journal and sends through this server's socket.
    struct CenterPort final : CenterJournal, UnitLink {
        IngestServer& server;
        explicit CenterPort(IngestServer& s) : server(s) {}
        void append(protocol::UnixMillis time, std::string_view record) override { server.journal_.append(time, record); }
        void commit() override { server.journal_.commit(); }
        void send_order(const protocol::VehicleId& unit, const protocol::DispatchOrder& order) override {
            server.send_order(unit, order);
        }
        void withdraw_order(const protocol::VehicleId& unit, const std::string& order_id, const std::string& reason) override {
            server.withdraw_order(unit, order_id, reason);
        }
    };

    struct Peer {
        protocol::VehicleId vehicle;  // authenticated (CURVE) or announced (hello, insecure)
        bool authenticated = false;
        bool ack_due = false;
        std::int64_t last_heard_ms = 0, last_sent_ms = 0;
    };

    void replay_journal();
    void handle_frame(const std::string& routing_id, zmq::message_t& payload);
    void handle_message(Peer& peer, const std::string& routing_id, protocol::Message& message, std::string_view bytes);
    void reject(Peer& peer, const std::string& routing_id, const protocol::DecodeError& error);
    void send(const std::string& routing_id, const protocol::Message& message);
    void owe_ack(const std::string& routing_id, Peer& peer);
    void flush_acks();
    void run_timers();
    void handle_control();
    std::string control_reply(const std::string& request);
    std::string center_reply(const std::string& command, const nlohmann::json& request);
    // The browser console's commands (center_console_commands.cpp); nullopt: not one of them.
    std::optional<std::string> console_reply(const std::string& command, const nlohmann::json& request);
    std::string move_up_reply(const nlohmann::json& request);
    void withdraw_order(const protocol::VehicleId& vehicle, const std::string& order_id, const std::string& reason);
    void send_cancels();
    void publish(const std::string& topic, const std::string& json);
    void publish_notices();
    void publish_unit(const VehicleState& vehicle);
    void update_coverage();
    void take_snapshot();
    void publish_vitals(const VehicleState& vehicle, const protocol::Vitals& vitals);
    // A unit is stale when its link is down or its last fix is older than the center's stale-fix
    // limit; consoles hear of every change.
    bool is_stale(const VehicleState& vehicle) const;
    void publish_stale_changes();

    zmq::context_t& context_;
    IngestConfig config_;
    const link::Clock& clock_;
    std::unique_ptr<link::ZapHandler> zap_;
    zmq::socket_t router_;
    std::optional<zmq::socket_t> control_;
    std::optional<zmq::socket_t> events_;
    TelemetryJournal journal_;
    FleetState fleet_;
    VitalsHistory vitals_;
    std::map<protocol::VehicleId, bool> stale_said_;  // what the last unit event said
    CenterPort center_port_{*this};
    std::unique_ptr<DispatchCenter> center_;
    std::unique_ptr<CoverageMonitor> coverage_;
    bool positions_moved_ = false;
    bool pending_coverage_ = true;
    std::int64_t coverage_due_ms_ = 0;
    std::map<std::string, Peer> peers_;                     // by ZeroMQ routing id
    std::map<protocol::VehicleId, std::string> route_to_;   // vehicle -> its newest routing id
    std::vector<std::string> acks_owed_;                     // peers to acknowledge this turn
    struct PendingOrder {
        protocol::DispatchOrder order;
        std::int64_t last_sent_ms = 0;
    };
    std::map<protocol::VehicleId, std::vector<PendingOrder>> orders_;
    struct PendingCancel {
        protocol::VehicleId vehicle;
        protocol::OrderCancel cancel;
        std::int64_t last_sent_ms = 0;
        int sends_left = 0;
    };
    std::vector<PendingCancel> cancels_;
    IngestCounters counters_;
    std::int64_t last_timer_ms_ = 0;
    std::vector<std::string> startup_notes_;
    std::string out_;  // encode buffer, reused
};

}  // namespace ems120::dispatch
