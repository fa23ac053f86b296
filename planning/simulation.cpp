#include "planning/simulation.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <queue>
#include <stdexcept>
#include <tuple>

#include "dispatch/assignment_policy.hpp"
#include "dispatch/waiting_order.hpp"
#include "planning/simulated_drive.hpp"

namespace ems120::planning {

namespace {

using dispatch::CallPriority;
using dispatch::UnitActivity;
using dispatch::UnitAvailability;

enum class EventKind : std::uint8_t { call, turnout_done, at_scene, scene_done, at_hospital, handover_done, at_station, shift_start, shift_end };

struct Event {
    std::int64_t time = 0;
    std::uint64_t sequence = 0;  // ties in time keep the order events were made in
    EventKind kind = EventKind::call;
    std::uint32_t subject = 0;     // the call (kind call) or the unit
    std::uint64_t generation = 0;  // a unit's event is void once the unit was given something else to do

    bool operator>(const Event& other) const { return std::tie(time, sequence) > std::tie(other.time, other.sequence); }
};

enum class Phase : std::uint8_t { off_duty, at_station, moving_up, returning, turnout, to_scene, on_scene, to_hospital, handover };

// Steps of a unit's job, void once the unit was given something else; calls and shifts always happen.
bool is_job_step(EventKind k) { return k != EventKind::call && k != EventKind::shift_start && k != EventKind::shift_end; }

bool is_free(Phase p) { return p == Phase::at_station || p == Phase::moving_up || p == Phase::returning; }
bool is_driving(Phase p) { return p == Phase::moving_up || p == Phase::returning || p == Phase::to_scene || p == Phase::to_hospital; }

struct UnitState {
    Phase phase = Phase::off_duty;
    LatLon at;       // where it stands when not driving
    LatLon station;  // where it waits: its home, or the station a move-up sent it to
    SimulatedDrive drive;
    std::uint32_t call = 0;  // the call it serves, from its order until free
    std::uint64_t generation = 0;
    std::int64_t busy_since = 0;
    bool off_after_job = false;
};

class Simulation {
public:
    Simulation(const SimulationSetup& setup, std::span<const FleetUnit> fleet, std::span<const SimulatedCall> calls)
        : setup_(setup), fleet_(fleet), calls_(calls), units_(fleet.size()), pending_arrival_(fleet.size(), 0) {
        result_.calls.resize(calls.size());
        result_.units.resize(fleet.size());
        if (setup.hospitals && !setup.hospitals->hospitals().empty())
            hospital_query_ = std::make_unique<dispatch::HospitalQuery>(*setup.hospitals);
        if (setup.move_up) move_up_query_ = std::make_unique<dispatch::MoveUpQuery>(*setup.move_up);
    }

    SimulationResult run() {
        for (std::uint32_t c = 0; c < calls_.size(); ++c) {
            if (c > 0 && calls_[c].time_ms < calls_[c - 1].time_ms)
                throw std::invalid_argument("simulate: calls must be in time order (call " + std::to_string(c) + ")");
            push(calls_[c].time_ms, EventKind::call, c, 0);
        }
        for (std::uint32_t u = 0; u < fleet_.size(); ++u) start_shifts(u);
        while (!events_.empty()) {
            const Event e = events_.top();
            events_.pop();
            now_ = e.time;
            if (is_job_step(e.kind) && e.generation != units_[e.subject].generation) continue;
            handle(e);
            // Move-up follows every change in which units are free, as the dispatcher's does.
            if (availability_changed_ && move_up_query_) move_up();
            availability_changed_ = false;
        }
        for (std::uint32_t u = 0; u < fleet_.size(); ++u)
            result_.units[u].duty_ms = fleet_[u].shift.duty_within(0, setup_.horizon_ms);
        return std::move(result_);
    }

private:
    void push(std::int64_t time, EventKind kind, std::uint32_t subject, std::uint64_t generation) {
        events_.push({time, next_sequence_++, kind, subject, generation});
    }
    void push_unit(std::int64_t time, EventKind kind, std::uint32_t unit) { push(time, kind, unit, units_[unit].generation); }

    void start_shifts(std::uint32_t u) {
        const Shift& shift = fleet_[u].shift;
        UnitState& unit = units_[u];
        unit.station = unit.at = fleet_[u].home;
        unit.phase = shift.on_duty_at(0) ? Phase::at_station : Phase::off_duty;
        if (shift.all_day()) return;
        // Shift events for one day past the horizon, so calls still waiting at its end are served.
        const std::int64_t length = std::int64_t{shift.minutes_per_day()} * 60'000;
        for (std::int64_t day = -1; day * kDayMs <= setup_.horizon_ms; ++day) {
            const std::int64_t start = day * kDayMs + std::int64_t{shift.start_min} * 60'000;
            if (start + length <= 0) continue;
            if (start > 0) push(start, EventKind::shift_start, u, 0);
            push(start + length, EventKind::shift_end, u, 0);
        }
    }

    void handle(const Event& e) {
        switch (e.kind) {
            case EventKind::call: return on_call(e.subject);
            case EventKind::turnout_done: return on_turnout_done(e.subject);
            case EventKind::at_scene: return on_scene(e.subject);
            case EventKind::scene_done: return on_scene_done(e.subject);
            case EventKind::at_hospital: return on_hospital(e.subject);
            case EventKind::handover_done: return set_free(e.subject);
            case EventKind::at_station: return on_station(e.subject);
            case EventKind::shift_start: return on_shift_start(e.subject);
            case EventKind::shift_end: return on_shift_end(e.subject);
        }
    }

    // ---- units ----------------------------------------------------------------------------

    ChQuery& route_query(const dispatch::RoutingIndex& index) {
        auto& q = route_queries_[index.ch];
        if (!q) q = std::make_unique<ChQuery>(*index.graph, *index.ch);
        return *q;
    }

    LatLon location_of(std::uint32_t u) {
        UnitState& unit = units_[u];
        if (!is_driving(unit.phase)) return unit.at;
        return unit.drive.position_at(now_, route_query(unit.drive.routing())).location;
    }

    void change(std::uint32_t u, Phase phase) {
        UnitState& unit = units_[u];
        if (is_free(unit.phase) != is_free(phase) || unit.phase == Phase::off_duty || phase == Phase::off_duty)
            availability_changed_ = true;
        if (is_driving(unit.phase) && !is_driving(phase)) --driving_;
        if (!is_driving(unit.phase) && is_driving(phase)) ++driving_;
        unit.phase = phase;
        ++unit.generation;
        ++fleet_version_;
    }

    void drive(std::uint32_t u, Phase phase, const dispatch::RoutingIndex& index, LatLon to, TravelTime time, EventKind on_arrival) {
        const LatLon from = location_of(u);
        change(u, phase);
        units_[u].drive = SimulatedDrive(index, from, to, now_, now_ + time);
        push_unit(now_ + time, on_arrival, u);
    }

    void add_busy(std::uint32_t u) {
        const std::int64_t end = std::min(now_, setup_.horizon_ms);
        const std::int64_t start = std::min(units_[u].busy_since, end);
        result_.units[u].busy_ms += fleet_[u].shift.duty_within(start, end);
    }

    void set_free(std::uint32_t u) {
        UnitState& unit = units_[u];
        add_busy(u);
        unit.at = location_of(u);
        if (unit.off_after_job) {
            unit.off_after_job = false;
            change(u, Phase::off_duty);
            return;
        }
        unit.station = fleet_[u].home;
        const TravelTime home = drive_time(setup_.normal, route_query(setup_.normal), unit.at, unit.station,
                                           setup_.assignment.unit_max_snap_m);
        if (home == kUnreachable || home == 0) {
            change(u, Phase::at_station);  // on the spot, or nowhere to drive: it waits where it is
            unit.station = unit.at;
        } else {
            drive(u, Phase::returning, setup_.normal, unit.station, home, EventKind::at_station);
        }
        serve_waiting();
    }

    void on_station(std::uint32_t u) {
        UnitState& unit = units_[u];
        unit.at = unit.drive.destination();
        change(u, Phase::at_station);
    }

    void on_shift_start(std::uint32_t u) {
        UnitState& unit = units_[u];
        unit.off_after_job = false;
        if (unit.phase != Phase::off_duty) return;  // still finishing the last shift's job
        unit.at = unit.station = fleet_[u].home;
        change(u, Phase::at_station);
        serve_waiting();
    }

    void on_shift_end(std::uint32_t u) {
        UnitState& unit = units_[u];
        if (unit.phase == Phase::off_duty) return;
        if (is_free(unit.phase)) {
            unit.at = location_of(u);
            change(u, Phase::off_duty);
        } else {
            unit.off_after_job = true;  // finishes its patient first
        }
    }

    void on_turnout_done(std::uint32_t u) {
        UnitState& unit = units_[u];
        const SimulatedCall& call = calls_[unit.call];
        const std::int64_t arrive = pending_arrival_[u];
        drive(u, Phase::to_scene, setup_.modes.for_priority(call.priority), call.location,
              static_cast<TravelTime>(arrive - now_), EventKind::at_scene);
    }

    void on_scene(std::uint32_t u) {
        UnitState& unit = units_[u];
        const SimulatedCall& call = calls_[unit.call];
        unit.at = call.location;
        change(u, Phase::on_scene);
        result_.calls[unit.call].response_ms = now_ - call.time_ms;
        ++result_.units[u].calls;
        push_unit(now_ + call.on_scene_ms, EventKind::scene_done, u);
    }

    void on_scene_done(std::uint32_t u) {
        UnitState& unit = units_[u];
        const SimulatedCall& call = calls_[unit.call];
        if (call.transport && hospital_query_) {
            const auto ranking = hospital_query_->nearest_hospitals(call.location, std::nullopt, 1);
            if (!ranking.ranked.empty() && ranking.ranked.front().reachable()) {
                const auto& hospital = ranking.ranked.front();
                const LatLon at = setup_.hospitals->placement(hospital.index).snap.point;
                drive(u, Phase::to_hospital, setup_.normal, at, hospital.eta_ms, EventKind::at_hospital);
                return;
            }
        }
        set_free(u);  // treated on scene (or no hospital can be reached by road)
    }

    void on_hospital(std::uint32_t u) {
        UnitState& unit = units_[u];
        unit.at = unit.drive.destination();
        change(u, Phase::handover);
        push_unit(now_ + calls_[unit.call].handover_ms, EventKind::handover_done, u);
    }

    // ---- calls ----------------------------------------------------------------------------

    void on_call(std::uint32_t c) {
        waiting_.push_back(c);
        if (!decide(c)) result_.calls[c].queued = true;
    }

    // Whether any unit could be eligible for a call of this priority at all: a free one, or one
    // driving to a less urgent call. Saves asking the policy when the answer is sure to be "none".
    bool anyone_for(CallPriority priority) const {
        for (const UnitState& unit : units_) {
            if (is_free(unit.phase)) return true;
            if ((unit.phase == Phase::turnout || unit.phase == Phase::to_scene) &&
                setup_.assignment.diversion.allows(priority, calls_[unit.call].priority))
                return true;
        }
        return false;
    }

    dispatch::UnitSnapshot snapshot_of(std::uint32_t u) {
        UnitState& unit = units_[u];
        dispatch::UnitSnapshot s;
        s.id = {fleet_[u].id};
        switch (unit.phase) {
            case Phase::at_station:
            case Phase::moving_up: s.availability = UnitAvailability::available(); break;
            case Phase::returning: s.availability = UnitAvailability::returning_to_station(); break;
            case Phase::turnout:
            case Phase::to_scene: s.availability = UnitAvailability::en_route(calls_[unit.call].priority); break;
            default: s.availability = UnitAvailability::busy(); break;
        }
        s.position = is_driving(unit.phase) ? unit.drive.position_at(now_, route_query(unit.drive.routing()))
                                            : dispatch::UnitPosition{unit.at, std::nullopt, std::nullopt, now_};
        return s;
    }

    struct PolicyQuery {
        std::unique_ptr<dispatch::AssignmentQuery> query;
        std::uint64_t fleet_version = UINT64_MAX;
        std::int64_t selected_at = -1;
    };

    // The policy's decision for one call: true when a unit was sent.
    bool decide(std::uint32_t c) {
        const SimulatedCall& call = calls_[c];
        if (!anyone_for(call.priority)) return false;
        const dispatch::RoutingIndex& index = setup_.modes.for_priority(call.priority);
        PolicyQuery& policy = policies_[index.ch];
        if (!policy.query) policy.query = std::make_unique<dispatch::AssignmentQuery>(index, setup_.assignment);
        // Select the fleet again only when a unit changed, or moved since (a driving unit).
        if (policy.fleet_version != fleet_version_ || (driving_ > 0 && policy.selected_at != now_)) {
            snapshots_.clear();
            on_duty_.clear();
            for (std::uint32_t u = 0; u < units_.size(); ++u) {
                if (units_[u].phase == Phase::off_duty) continue;
                snapshots_.push_back(snapshot_of(u));
                on_duty_.push_back(u);
            }
            policy.query->select_fleet(snapshots_);
            policy.fleet_version = fleet_version_;
            policy.selected_at = now_;
            policy_units_[index.ch] = on_duty_;
        }
        ++result_.decisions;
        policy.query->decide({call.location, call.priority, now_}, assignment_);
        if (assignment_.call_off_road) {
            std::erase(waiting_, c);  // no road leads there: it can never be reached
            return false;
        }
        const dispatch::Candidate* chosen = assignment_.chosen_candidate();
        if (!chosen) return false;
        send(policy_units_[index.ch][chosen->unit_index], c, chosen->eta_ms);
        return true;
    }

    void send(std::uint32_t u, std::uint32_t c, TravelTime eta) {
        UnitState& unit = units_[u];
        std::erase(waiting_, c);
        if (unit.phase == Phase::turnout || unit.phase == Phase::to_scene) {
            // Diverted: its call waits again for the next unit.
            const std::uint32_t left = unit.call;
            result_.calls[left].unit = kNoUnitSent;
            result_.calls[left].dispatch_ms = -1;
            waiting_.push_back(left);
            ++result_.diversions;
            diverted_ = true;
        } else {
            unit.busy_since = now_;
        }
        result_.calls[c].unit = u;
        result_.calls[c].dispatch_ms = now_ - calls_[c].time_ms;
        const SimulatedCall& call = calls_[c];
        const bool in_station = unit.phase == Phase::at_station;
        unit.call = c;
        if (in_station) {
            change(u, Phase::turnout);
            pending_arrival_[u] = now_ + call.turnout_ms + eta;
            push_unit(now_ + call.turnout_ms, EventKind::turnout_done, u);
        } else {
            drive(u, Phase::to_scene, setup_.modes.for_priority(call.priority), call.location, eta, EventKind::at_scene);
        }
        // A diverted unit's former call may find another unit now.
        if (diverted_) serve_waiting();
    }

    // The waiting calls, most urgent then oldest first, each decided by the policy; again while a
    // pass diverted a unit (its former call waits again).
    void serve_waiting() {
        if (serving_) return;
        serving_ = true;
        do {
            diverted_ = false;
            std::vector<std::uint32_t> order = waiting_;
            std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
                return dispatch::served_before(calls_[a].priority, a, calls_[b].priority, b);
            });
            for (const std::uint32_t c : order)
                if (std::find(waiting_.begin(), waiting_.end(), c) != waiting_.end()) decide(c);
        } while (diverted_ && !waiting_.empty());
        diverted_ = false;
        serving_ = false;
    }

    // ---- move-up --------------------------------------------------------------------------

    void move_up() {
        free_.clear();
        free_units_.clear();
        movable_.clear();
        for (std::uint32_t u = 0; u < units_.size(); ++u) {
            if (!is_free(units_[u].phase)) continue;
            if (units_[u].phase == Phase::at_station) movable_.push_back(static_cast<std::uint32_t>(free_.size()));
            free_.push_back(snapshot_of(u));
            free_units_.push_back(u);
        }
        if (movable_.empty()) return;
        const auto move = move_up_query_->recommend(free_, movable_);
        if (!move || move->drive_time == kUnreachable || move->drive_time == 0) return;
        const std::uint32_t u = free_units_[move->unit];
        const LatLon station = setup_.move_up->station(move->station).snap.point;
        units_[u].station = station;
        ++result_.move_ups;
        drive(u, Phase::moving_up, setup_.normal, station, move->drive_time, EventKind::at_station);
        availability_changed_ = false;  // the move itself keeps the unit free
    }

    const SimulationSetup& setup_;
    std::span<const FleetUnit> fleet_;
    std::span<const SimulatedCall> calls_;
    std::vector<UnitState> units_;
    std::vector<std::int64_t> pending_arrival_;  // per unit in turnout: when it will be on scene
    SimulationResult result_;

    std::priority_queue<Event, std::vector<Event>, std::greater<>> events_;
    std::uint64_t next_sequence_ = 0;
    std::int64_t now_ = 0;
    std::vector<std::uint32_t> waiting_;  // calls without a unit, in arrival order
    bool serving_ = false;
    bool diverted_ = false;
    bool availability_changed_ = false;
    std::uint64_t fleet_version_ = 0;
    std::uint32_t driving_ = 0;

    std::map<const ContractionHierarchy*, PolicyQuery> policies_;
    std::map<const ContractionHierarchy*, std::vector<std::uint32_t>> policy_units_;
    std::map<const ContractionHierarchy*, std::unique_ptr<ChQuery>> route_queries_;
    std::unique_ptr<dispatch::HospitalQuery> hospital_query_;
    std::unique_ptr<dispatch::MoveUpQuery> move_up_query_;
    dispatch::Assignment assignment_;
    std::vector<dispatch::UnitSnapshot> snapshots_, free_;
    std::vector<std::uint32_t> on_duty_, free_units_, movable_;
};

}  // namespace

SimulationResult simulate(const SimulationSetup& setup, std::span<const FleetUnit> fleet, std::span<const SimulatedCall> calls) {
    return Simulation(setup, fleet, calls).run();
}

}  // namespace ems120::planning
