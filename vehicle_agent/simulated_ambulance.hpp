#pragma once
// One ambulance and its crew, simulated for `ems120 demo`: the real agent (outbox, uplink,
// ZeroMQ) is fed by this instead of a GPS receiver, a monitor and a person. It lives in simulated
// wall-clock time (Now::unix_ms; the demo runs it on link/scaled_clock.hpp) and never reads a
// clock, so tests drive it with fake time and the same seed tells the same story.
//
// The story of a job:
//   parked at home, available
//   order arrives ──(turnout)──> en_route, drives the route to the scene
//   arrives ──> on_scene ──(to_patient)──> patient_contact: vitals stream with the incident id
//   (on_scene after arriving) ──> transporting, drives to the hospital the chooser names
//   arrives ──> at_hospital ──(to_handover)──> handover: vitals stop ──(after_handover)──> available
//   drives home (still available) ──> parked.
// Each pause is drawn from its range with a seeded RNG. Every status names the job's order.
// - An order while driving home is taken at once from where the unit is (the crew is aboard, no
//   turnout). An order while busy waits its turn and is taken when the job ends.
// - A cancel of the current order before patient contact ends the job: `available` (when the
//   crew had reported anything else) and home. After patient contact it is ignored and logged —
//   the crew does not leave a patient. A cancel of a waiting order drops it.
// - No hospital (chooser says none or cannot be reached): the patient is treated on scene, and the
//   unit is available when the on-scene time is over. No route to a scene: the order is logged
//   and left to the center, the unit stays available. No route home: it parks where it is.
// - A move-up order (incident "move-up") while parked or driving home: the station becomes home
//   and the unit drives there, available, reporting no status. While on a job it is ignored.
// - Fixes every fix_interval_ms of simulated time along the leg at the route's average speed
//   (polyline_drive.hpp), speed 0 when standing; the heading is the last course driven (none
//   before the first drive, like a receiver that never moved).
// - The first poll announces `available`, so the center knows the unit is in service.
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "maps/lat_lon.hpp"
#include "protocol/messages.hpp"
#include "vehicle_agent/input_source.hpp"
#include "vehicle_agent/patient_simulator.hpp"
#include "vehicle_agent/polyline_drive.hpp"

namespace ems120::agent {

// What the demo's routing engine answers (routing/route.hpp Route: geometry and time).
struct SimRoute {
    std::vector<LatLon> geometry;     // from (near) `from` to (near) `to`
    std::int64_t drive_time_ms = 0;
};
using SimRouteProvider = std::function<std::optional<SimRoute>(LatLon from, LatLon to)>;

struct SimHospital {
    std::string name;
    LatLon position;
};
using SimHospitalChooser = std::function<std::optional<SimHospital>(LatLon scene)>;

// Simulated milliseconds, drawn uniformly in [min_ms, max_ms].
struct DurationRange {
    std::int64_t min_ms = 0, max_ms = 0;
};

struct SimulatedAmbulanceTimings {
    DurationRange turnout{45'000, 75'000};               // order -> en_route, crew at the station
    DurationRange to_patient{60'000, 120'000};           // on_scene -> patient_contact
    DurationRange on_scene{8 * 60'000, 15 * 60'000};     // on_scene -> transporting (longer than to_patient)
    DurationRange to_handover{3 * 60'000, 6 * 60'000};   // at_hospital -> handover (transfer of care)
    DurationRange after_handover{4 * 60'000, 8 * 60'000};  // handover -> available (stretcher, cleaning)
};

struct SimulatedAmbulanceConfig {
    protocol::VehicleId unit;
    LatLon home;                    // its station; it starts parked here
    SimRouteProvider route;         // required
    SimHospitalChooser hospital;    // empty = every patient is treated on scene
    SimulatedAmbulanceTimings timings;
    std::uint64_t seed = 1;
    std::int64_t fix_interval_ms = 1000;     // simulated time
    std::int64_t vitals_interval_ms = 2000;  // simulated time
    double max_deterioration = 1.0;          // each patient draws a deterioration in [0, this]
    // Steady (real) time between polls. The story runs on the unix clock, whose pace against the
    // steady one this class does not know (10x in a demo), so it asks to be polled often and does
    // all that fell due since.
    std::int64_t poll_every_ms = 100;
    std::function<void(const std::string&)> log = [](const std::string&) {};
};

class SimulatedAmbulance {
public:
    enum class Phase { parked, turnout, to_scene, on_scene, with_patient, to_hospital, at_hospital, handed_over, returning };

    // Throws std::invalid_argument naming the setting: no route provider, home not a coordinate,
    // a range with min > max or below 0, to_patient not shorter than on_scene, intervals <= 0.
    explicit SimulatedAmbulance(SimulatedAmbulanceConfig config);

    // Taken at the next advance(): the agent's callbacks carry no time, and the story never reads
    // a clock.
    void receive_order(const protocol::DispatchOrder& order);
    void receive_cancel(const protocol::OrderCancel& cancel);

    // Runs the story up to now.unix_ms: every status change, fix and vital-sign reading that fell
    // due, in time order, each stamped with its own simulated time. Time going backwards is ignored.
    void advance(Now now);
    // Steady time of the next poll wanted (0 before the first: at once).
    std::int64_t next_due_steady_ms() const;

    // What advance() produced and nobody took yet (the three sources take them).
    std::vector<protocol::PositionFix> take_fixes() { return std::exchange(fixes_, {}); }
    std::vector<protocol::Vitals> take_vitals() { return std::exchange(vitals_, {}); }
    std::vector<protocol::CrewStatusChange> take_statuses() { return std::exchange(statuses_, {}); }

    Phase phase() const { return phase_; }
    std::optional<protocol::CrewStatus> status() const { return status_; }
    // The order of the job in hand, if any.
    const std::optional<protocol::DispatchOrder>& current_order() const { return order_; }
    std::size_t waiting_orders() const { return waiting_.size(); }
    const SimulatedAmbulanceConfig& config() const { return config_; }

private:
    void run_until(std::int64_t t);
    void take_inputs(std::int64_t t);
    void take_order(const protocol::DispatchOrder& order, std::int64_t t);
    void take_cancel(const protocol::OrderCancel& cancel, std::int64_t t);
    void on_event(std::int64_t t);
    void start_job(const protocol::DispatchOrder& order, std::int64_t t, bool from_station);
    void drive_to_scene(std::int64_t t);
    void leave_scene(std::int64_t t);
    void end_job(std::int64_t t);
    void move_up(const protocol::DispatchOrder& order, std::int64_t t);
    void go_home(std::int64_t t);
    bool drive(LatLon to, std::int64_t t, Phase phase);
    void stand(std::int64_t t);
    void report(protocol::CrewStatus status, std::int64_t t);
    DrivePosition where(std::int64_t t) const;
    protocol::PositionFix fix_at(std::int64_t t) const;
    std::int64_t draw(const DurationRange& range);

    SimulatedAmbulanceConfig config_;
    std::mt19937_64 random_;
    bool started_ = false;
    std::int64_t clock_ms_ = 0;   // simulated time the story has reached
    std::int64_t last_steady_ms_ = 0;
    std::int64_t next_fix_ms_ = 0;

    Phase phase_ = Phase::parked;
    std::optional<std::int64_t> event_at_ms_;  // when the current phase ends (none while parked)
    std::int64_t on_scene_until_ms_ = 0;       // departure time, drawn on arrival
    std::optional<protocol::CrewStatus> status_;
    std::optional<protocol::DispatchOrder> order_;
    std::deque<protocol::DispatchOrder> waiting_;
    // Received since the last advance(), in arrival order (a cancel may follow its order at once).
    std::vector<std::variant<protocol::DispatchOrder, protocol::OrderCancel>> inputs_;

    LatLon position_;                  // while standing
    std::optional<double> heading_deg_;
    std::optional<PolylineDrive> leg_;  // while driving
    std::optional<SimHospital> hospital_;
    std::unique_ptr<PatientSimulator> patient_;  // while a patient is aboard
    std::int64_t patient_since_ms_ = 0;

    std::vector<protocol::PositionFix> fixes_;
    std::vector<protocol::Vitals> vitals_;
    std::vector<protocol::CrewStatusChange> statuses_;
};

std::string_view to_string(SimulatedAmbulance::Phase phase);

}  // namespace ems120::agent
