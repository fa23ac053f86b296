#pragma once
// A crew display as the agent's loop sees it: the unit's state as plain values going in (the
// display is a view, it keeps nothing of its own), key presses coming out, and the file
// descriptors to poll. The full-screen terminal UI (crew_screen_tui) is one; tests drive the
// agent through the same interface.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/messages.hpp"

namespace ems120::agent {

struct CrewSituation {
    std::string vehicle;
    protocol::UnixMillis now = 0;
    std::optional<protocol::DispatchOrder> order;  // the one the crew works on: newest, not cancelled or finished
    std::size_t other_orders = 0;                  // shown earlier and still open
    bool acknowledged = false;                     // the crew acknowledged `order` ([A] or a job status)
    std::optional<protocol::CrewStatus> status;
    std::optional<protocol::PositionFix> fix;      // the newest
    std::array<std::optional<protocol::Measurement>, protocol::kVitalSignCount> vitals{};  // newest of each
    std::optional<protocol::UnixMillis> vitals_time;
    std::string link;                              // "up", "connecting", "handshaking", "down"
    std::optional<std::int64_t> last_ack_age_ms;   // since the center last acknowledged anything
    std::size_t outbox_pending = 0;
    std::string message;                           // the message line
    bool quit_asked = false;
};

class CrewDisplay {
public:
    virtual ~CrewDisplay() = default;
    // Readable when there are keys (or a resize) to handle.
    virtual std::vector<int> wait_fds() const = 0;
    // Every key pressed since the last call, without waiting; handles resizes itself.
    virtual void read_keys(std::vector<int>& keys) = 0;
    virtual void show(const CrewSituation& situation) = 0;
};

}  // namespace ems120::agent
