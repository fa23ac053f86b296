#include "vehicle_agent/simulated_ambulance.hpp"

#include <algorithm>
#include <stdexcept>

#include "vehicle_agent/spherical_earth.hpp"

namespace ems120::agent {

namespace {

using protocol::CrewStatus;

// Closer than this to home is home: route geometry starts and ends at snapped points, a few
// metres off the station's own coordinates.
constexpr double kAtHomeM = 50;

void check_range(const DurationRange& range, const char* name) {
    if (range.min_ms < 0 || range.min_ms > range.max_ms)
        throw std::invalid_argument(std::string("simulated ambulance: timing '") + name + "' needs 0 <= min <= max (got " +
                                    std::to_string(range.min_ms) + ".." + std::to_string(range.max_ms) + " ms)");
}

}  // namespace

std::string_view to_string(SimulatedAmbulance::Phase phase) {
    using P = SimulatedAmbulance::Phase;
    switch (phase) {
        case P::parked: return "parked";
        case P::turnout: return "turnout";
        case P::to_scene: return "to_scene";
        case P::on_scene: return "on_scene";
        case P::with_patient: return "with_patient";
        case P::to_hospital: return "to_hospital";
        case P::at_hospital: return "at_hospital";
        case P::handed_over: return "handed_over";
        case P::returning: return "returning";
    }
    return "?";
}

SimulatedAmbulance::SimulatedAmbulance(SimulatedAmbulanceConfig config)
    : config_(std::move(config)), random_(config_.seed), position_(config_.home) {
    if (!config_.route) throw std::invalid_argument("simulated ambulance: no route provider");
    if (!is_valid_lat_lon(config_.home)) throw std::invalid_argument("simulated ambulance: home is not a coordinate");
    const auto& t = config_.timings;
    check_range(t.turnout, "turnout");
    check_range(t.to_patient, "to_patient");
    check_range(t.on_scene, "on_scene");
    check_range(t.to_handover, "to_handover");
    check_range(t.after_handover, "after_handover");
    if (t.to_patient.max_ms >= t.on_scene.min_ms)
        throw std::invalid_argument("simulated ambulance: timing 'to_patient' must end before the shortest 'on_scene'");
    if (config_.fix_interval_ms <= 0 || config_.vitals_interval_ms <= 0 || config_.poll_every_ms <= 0)
        throw std::invalid_argument("simulated ambulance: fix, vitals and poll intervals must be > 0");
    if (!(config_.max_deterioration >= 0)) throw std::invalid_argument("simulated ambulance: max_deterioration must be >= 0");
}

void SimulatedAmbulance::receive_order(const protocol::DispatchOrder& order) { inputs_.emplace_back(order); }
void SimulatedAmbulance::receive_cancel(const protocol::OrderCancel& cancel) { inputs_.emplace_back(cancel); }

std::int64_t SimulatedAmbulance::next_due_steady_ms() const { return started_ ? last_steady_ms_ + config_.poll_every_ms : 0; }

void SimulatedAmbulance::advance(Now now) {
    if (!started_) {
        started_ = true;
        clock_ms_ = next_fix_ms_ = now.unix_ms;
        report(CrewStatus::available, now.unix_ms);
    }
    last_steady_ms_ = now.steady_ms;
    const std::int64_t t = std::max(now.unix_ms, clock_ms_);
    run_until(t);
    take_inputs(t);
    run_until(t);  // what the inputs started at once (an order while driving home)
}

void SimulatedAmbulance::run_until(std::int64_t end) {
    for (;;) {
        std::int64_t t = next_fix_ms_;
        if (event_at_ms_) t = std::min(t, *event_at_ms_);
        const std::int64_t vitals_due = patient_ ? std::max(*patient_->next_due(), patient_since_ms_) : INT64_MAX;
        t = std::min(t, vitals_due);
        if (t > end) break;
        clock_ms_ = t;
        // At equal times the story moves first, so a fix at an arrival already stands still and no
        // reading is taken at the moment of handover.
        if (event_at_ms_ && *event_at_ms_ == t) {
            on_event(t);
        } else if (vitals_due == t) {
            patient_->poll(Now{t, t}, vitals_);  // the monitor paced in simulated time, too
        } else {
            fixes_.push_back(fix_at(t));
            next_fix_ms_ += config_.fix_interval_ms;
        }
    }
    clock_ms_ = end;
}

void SimulatedAmbulance::take_inputs(std::int64_t t) {
    for (const auto& input : std::exchange(inputs_, {})) {
        if (const auto* order = std::get_if<protocol::DispatchOrder>(&input)) take_order(*order, t);
        else take_cancel(std::get<protocol::OrderCancel>(input), t);
    }
}

void SimulatedAmbulance::take_order(const protocol::DispatchOrder& order, std::int64_t t) {
    const auto same = [&](const protocol::DispatchOrder& o) { return o.order_id == order.order_id; };
    if ((order_ && same(*order_)) || std::any_of(waiting_.begin(), waiting_.end(), same)) return;
    if (order.incident_id == protocol::kMoveUpIncidentId) {
        move_up(order, t);
        return;
    }
    if (phase_ == Phase::parked) start_job(order, t, true);
    else if (phase_ == Phase::returning) start_job(order, t, false);
    else waiting_.push_back(order);
}

void SimulatedAmbulance::take_cancel(const protocol::OrderCancel& cancel, std::int64_t t) {
    const auto it = std::find_if(waiting_.begin(), waiting_.end(), [&](const auto& o) { return o.order_id == cancel.order_id; });
    if (it != waiting_.end()) {
        waiting_.erase(it);
        return;
    }
    if (!order_ || order_->order_id != cancel.order_id) return;
    if (phase_ == Phase::turnout || phase_ == Phase::to_scene || phase_ == Phase::on_scene) {
        config_.log(config_.unit.value + ": order " + cancel.order_id + " cancelled (" + cancel.reason + ")");
        end_job(t);
    } else {
        config_.log(config_.unit.value + ": cancel of order " + cancel.order_id + " ignored: the crew has the patient");
    }
}

void SimulatedAmbulance::on_event(std::int64_t t) {
    event_at_ms_.reset();
    switch (phase_) {
        case Phase::parked: break;
        case Phase::turnout: drive_to_scene(t); break;
        case Phase::to_scene:
            stand(t);
            report(CrewStatus::on_scene, t);
            phase_ = Phase::on_scene;
            event_at_ms_ = t + draw(config_.timings.to_patient);
            on_scene_until_ms_ = t + draw(config_.timings.on_scene);
            break;
        case Phase::on_scene: {
            report(CrewStatus::patient_contact, t);
            PatientSimulatorConfig patient;
            patient.deterioration = std::uniform_real_distribution<double>(0, config_.max_deterioration)(random_);
            patient.interval_ms = config_.vitals_interval_ms;
            patient.seed = random_();
            patient.incident_id = order_->incident_id;
            patient_ = std::make_unique<PatientSimulator>(patient);
            patient_since_ms_ = t;
            phase_ = Phase::with_patient;
            event_at_ms_ = std::max(t, on_scene_until_ms_);
            break;
        }
        case Phase::with_patient: leave_scene(t); break;
        case Phase::to_hospital:
            stand(t);
            report(CrewStatus::at_hospital, t);
            phase_ = Phase::at_hospital;
            event_at_ms_ = t + draw(config_.timings.to_handover);
            break;
        case Phase::at_hospital:
            report(CrewStatus::handover, t);
            patient_.reset();
            phase_ = Phase::handed_over;
            event_at_ms_ = t + draw(config_.timings.after_handover);
            break;
        case Phase::handed_over: end_job(t); break;
        case Phase::returning:
            stand(t);
            phase_ = Phase::parked;
            break;
    }
}

void SimulatedAmbulance::start_job(const protocol::DispatchOrder& order, std::int64_t t, bool from_station) {
    order_ = order;
    if (from_station) {
        stand(t);
        phase_ = Phase::turnout;
        event_at_ms_ = t + draw(config_.timings.turnout);
    } else {
        drive_to_scene(t);  // the crew is aboard already
    }
}

void SimulatedAmbulance::drive_to_scene(std::int64_t t) {
    if (drive({order_->lat, order_->lon}, t, Phase::to_scene)) {
        report(CrewStatus::en_route, t);
        return;
    }
    config_.log(config_.unit.value + ": no route to the scene of order " + order_->order_id + "; left to the center");
    end_job(t);
}

void SimulatedAmbulance::leave_scene(std::int64_t t) {
    hospital_ = config_.hospital ? config_.hospital({order_->lat, order_->lon}) : std::nullopt;
    if (hospital_ && drive(hospital_->position, t, Phase::to_hospital)) {
        report(CrewStatus::transporting, t);
        return;
    }
    if (hospital_) config_.log(config_.unit.value + ": no route to " + hospital_->name + "; patient treated on scene");
    end_job(t);
}

// The job is over (done, cancelled or impossible): available, then the next waiting order or home.
void SimulatedAmbulance::end_job(std::int64_t t) {
    const bool at_station = phase_ == Phase::turnout || phase_ == Phase::parked;
    patient_.reset();
    hospital_.reset();
    if (status_ != CrewStatus::available) report(CrewStatus::available, t);
    order_.reset();
    event_at_ms_.reset();
    if (!waiting_.empty()) {
        const auto next = waiting_.front();
        waiting_.pop_front();
        start_job(next, t, at_station);
        return;
    }
    go_home(t);
}

// A move-up: the station becomes the unit's base and it drives there, available all the way (no
// statuses: the center keeps it free and ends the move-up on arrival). On a job it is ignored —
// the center only moves free units, so this is an order overtaken by a call.
void SimulatedAmbulance::move_up(const protocol::DispatchOrder& order, std::int64_t t) {
    if (phase_ != Phase::parked && phase_ != Phase::returning) {
        config_.log(config_.unit.value + ": move-up " + order.order_id + " ignored: the unit is on a job");
        return;
    }
    config_.home = {order.lat, order.lon};
    config_.log(config_.unit.value + ": moving up to " + order.address);
    go_home(t);
}

void SimulatedAmbulance::go_home(std::int64_t t) {
    if (great_circle_distance_m(where(t).position, config_.home) > kAtHomeM && !drive(config_.home, t, Phase::returning))
        config_.log(config_.unit.value + ": no route home; parked where it is");
    if (phase_ != Phase::returning) {
        stand(t);
        phase_ = Phase::parked;
    }
}

// Starts a leg from where the unit is now; false (and nothing changed) when there is no route.
bool SimulatedAmbulance::drive(LatLon to, std::int64_t t, Phase phase) {
    const LatLon from = where(t).position;
    auto route = config_.route(from, to);
    if (!route || route->geometry.empty()) return false;
    stand(t);  // keeps the heading of the leg being left
    leg_.emplace(std::move(route->geometry), route->drive_time_ms, t);
    phase_ = phase;
    event_at_ms_ = leg_->arrival_ms();
    return true;
}

void SimulatedAmbulance::stand(std::int64_t t) {
    const DrivePosition here = where(t);
    position_ = here.position;
    if (here.heading_deg) heading_deg_ = here.heading_deg;
    leg_.reset();
}

DrivePosition SimulatedAmbulance::where(std::int64_t t) const {
    if (!leg_) return {position_, heading_deg_, 0};
    DrivePosition here = leg_->at(t);
    if (!here.heading_deg) here.heading_deg = heading_deg_;
    return here;
}

protocol::PositionFix SimulatedAmbulance::fix_at(std::int64_t t) const {
    const DrivePosition here = where(t);
    protocol::PositionFix fix;
    fix.gnss_time = t;
    fix.lat = here.position.lat;
    fix.lon = here.position.lon;
    fix.speed_mps = here.speed_mps;
    fix.heading_deg = here.heading_deg;
    fix.hdop = 0.8;
    fix.fix_quality = 1;
    fix.satellites = 12;
    return fix;
}

void SimulatedAmbulance::report(CrewStatus status, std::int64_t t) {
    statuses_.push_back({t, status, order_ ? order_->order_id : std::string()});
    status_ = status;
}

std::int64_t SimulatedAmbulance::draw(const DurationRange& range) {
    return std::uniform_int_distribution<std::int64_t>(range.min_ms, range.max_ms)(random_);
}

}  // namespace ems120::agent
