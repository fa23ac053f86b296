#pragma once
// The in-vehicle unit's one loop: GPS and vitals sources and the crew's input feed the uplink;
// the uplink talks to the center. Single-threaded: every source is a file descriptor or a timer
// in one zmq::poll.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <zmq.hpp>

#include "link/clock.hpp"
#include "vehicle_agent/crew_display.hpp"
#include "vehicle_agent/input_source.hpp"
#include "vehicle_agent/outbox.hpp"
#include "vehicle_agent/uplink.hpp"

namespace ems120::agent {

struct AgentConfig {
    UplinkConfig uplink;
    OutboxConfig outbox;
    std::unique_ptr<InputSource<protocol::PositionFix>> gps;
    std::unique_ptr<InputSource<protocol::Vitals>> vitals;
    int crew_fd = -1;                        // status commands (crew_console.hpp); -1 = none
    // Status changes made by a machine rather than typed (the demo's simulated crew), submitted
    // with their own time stamps; polled like the GPS and vitals sources.
    std::unique_ptr<InputSource<protocol::CrewStatusChange>> crew_status;
    std::string status_file;                 // JSON for a crew display, rewritten every second
    std::optional<std::uint64_t> max_readings;  // stop reading sources after this many
    bool exit_when_delivered = false;        // exit once sources are done and the outbox is empty
    std::optional<double> run_for_s;
    std::function<void(const std::string&)> print = [](const std::string&) {};  // crew-facing output
    // Told once per order id after the crew was shown it (the order is acknowledged all the same),
    // so a simulated crew can act on it; called from inside the loop, must not block.
    std::function<void(const protocol::DispatchOrder&)> on_order;
    std::function<void(const protocol::OrderCancel&)> on_order_cancel;
    // A crew display (crew_display.hpp; the terminal one is crew_screen_tui): the loop polls its
    // keys and shows it the unit's state. With one, orders wait for the crew's acknowledgement
    // ([A], crew_keys.hpp) instead of being acknowledged on arrival, and log lines also go to its
    // message line.
    std::unique_ptr<CrewDisplay> display;
};

class Agent {
public:
    Agent(zmq::context_t& context, AgentConfig config, const link::Clock& clock);
    // Runs until stop() says so, run_for_s elapses, or everything is delivered (when asked).
    void run(const std::function<bool()>& stop);

    const Outbox& outbox() const { return outbox_; }
    const Uplink& uplink() const { return uplink_; }
    std::uint64_t readings() const { return readings_; }
    // What the sources read and skipped, for the log ("gps: 3600 lines, 2 bad checksums ...").
    std::string input_summary() const;

private:
    bool sources_done() const;
    void read_crew_input();
    void submit_status(protocol::CrewStatus status, const std::string& order_id);
    void read_display_keys();
    void handle_key(int key);
    // The order the crew works on: the newest shown that is neither cancelled nor finished.
    const protocol::DispatchOrder* current_order() const;
    CrewSituation situation() const;
    void note_vitals(const protocol::Vitals& vitals);
    void take_crew_statuses(Now now);
    void show_order(const protocol::DispatchOrder& order);
    void show_order_cancel(const protocol::OrderCancel& cancel);
    void write_status_file();

    AgentConfig config_;
    const link::Clock& clock_;
    Outbox outbox_;
    Uplink uplink_;
    std::uint64_t readings_ = 0;
    std::string crew_buffer_;
    bool crew_closed_ = false;
    std::optional<protocol::PositionFix> last_fix_;
    std::optional<protocol::CrewStatus> crew_status_;
    std::vector<protocol::DispatchOrder> orders_;  // shown and not cancelled
    std::set<std::string> acknowledged_;           // by the crew (or on arrival without a display)
    std::set<std::string> finished_;               // the crew reported available / out of service on it
    std::array<std::optional<protocol::Measurement>, protocol::kVitalSignCount> vitals_{};
    std::optional<protocol::UnixMillis> vitals_time_;
    std::string message_;  // the display's message line
    bool quit_asked_ = false, quit_ = false, redraw_ = true;
    std::int64_t last_draw_ms_ = 0;
    std::vector<int> keys_;  // scratch for read_display_keys
    std::vector<protocol::CrewStatusChange> statuses_;  // scratch for take_crew_statuses
    std::int64_t last_status_write_ms_ = 0;
    std::int64_t last_sync_ms_ = 0;
    protocol::Seq synced_seq_ = 0;
};

}  // namespace ems120::agent
