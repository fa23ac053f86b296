#pragma once
// The demo's view of the dispatcher: subscribes to its event stream (ZeroMQ SUB on
// ipc://DATA/events.sock, reconnecting by itself across dispatcher restarts) and turns incident
// events and alerts into readable log lines: calls, assignments with the unit and its ETA,
// arrivals on scene, completions, cancellations. Milestones in between stay in the dispatcher's
// log and the incident's timeline (GET /api/incidents/ID).
#include <atomic>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>

#include "cli/demo_log.hpp"

namespace ems120::cli {

// One event (the JSON the dispatcher publishes) as a line for the log, or nothing when the demo
// does not show that kind. `shown` remembers (incident, kind) pairs already shown, so an arrival
// reported by both the crew and the geofence, or replayed after a restart, is said once.
std::optional<std::string> event_line(const std::string& topic, const std::string& json,
                                      std::set<std::pair<std::string, std::string>>& shown);

class DemoEventLog {
public:
    // Starts the subscriber thread; `log` must outlive this object.
    DemoEventLog(std::string events_endpoint, DemoLog& log);
    ~DemoEventLog();  // stop()
    DemoEventLog(const DemoEventLog&) = delete;
    DemoEventLog& operator=(const DemoEventLog&) = delete;

    void stop();

private:
    void run();

    std::string endpoint_;
    DemoLog& log_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

}  // namespace ems120::cli
