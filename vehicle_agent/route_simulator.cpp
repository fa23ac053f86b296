#include "vehicle_agent/route_simulator.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <sstream>

#include "maps/input_error.hpp"
#include "vehicle_agent/spherical_earth.hpp"

namespace ems120::agent {
namespace {

// Fine enough that a bend's braking and an arrival land within centimetres.
constexpr double kStepSeconds = 0.05;
// The last metres to a stop are crept at walking pace, or braking along sqrt(2bd) never arrives.
constexpr double kCreepMps = 0.5;
constexpr double kNoiseCorrelationSeconds = 20.0;
// A loop stalled longer than this (the machine was suspended) resumes the drive instead of
// simulating hours of it in one poll.
constexpr double kLongestCatchUpSeconds = 600.0;
constexpr double kGentleBendDeg = 10.0, kSharpBendDeg = 60.0;

double bend_deg(double course_in, double course_out) {
    const double turn = std::fabs(std::fmod(course_out - course_in + 540.0, 360.0) - 180.0);
    return turn;
}

void require(bool ok, const std::string& what) {
    if (!ok) throw InputError("route simulator: " + what);
}

// Standard normal, from the generator's raw bits (std::normal_distribution differs between
// standard libraries, which would make "seeded" runs differ between builds).
double standard_normal(std::mt19937_64& random) {
    auto uniform = [&] { return (static_cast<double>(random() >> 11) + 0.5) * 0x1.0p-53; };
    return std::sqrt(-2.0 * std::log(uniform())) * std::cos(2.0 * std::numbers::pi * uniform());
}

}  // namespace

RouteSimulator::RouteSimulator(std::vector<LatLon> route, const RouteSimulatorOptions& options)
    : options_(options), points_(std::move(route)), random_(options.seed) {
    require(std::isfinite(options.cruise_kmh) && options.cruise_kmh > 0, "cruise speed must be above 0 km/h");
    require(std::isfinite(options.acceleration_mps2) && options.acceleration_mps2 > 0, "acceleration must be above 0");
    require(std::isfinite(options.braking_mps2) && options.braking_mps2 > 0, "braking must be above 0");
    require(std::isfinite(options.sharp_turn_kmh) && options.sharp_turn_kmh > 0,
            "sharp-turn speed must be above 0 km/h");
    require(options.interval_ms > 0, "fix interval must be above 0 ms");
    require(std::isfinite(options.noise_m) && options.noise_m >= 0, "position noise must be 0 or more metres");
    std::vector<LatLon> distinct;
    for (const LatLon p : points_) {
        require(is_valid_lat_lon(p), "route point outside [-90, 90] x [-180, 180]");
        if (distinct.empty() || great_circle_distance_m(distinct.back(), p) > 0) distinct.push_back(p);
    }
    require(distinct.size() >= 2, "a route needs at least two distinct points");
    points_ = std::move(distinct);
    if (options.loop && great_circle_distance_m(points_.back(), points_.front()) > 0)
        points_.push_back(points_.front());
    segments_ = points_.size() - 1;

    cruise_mps_ = options.cruise_kmh / 3.6;
    const double sharp_mps = std::min(options.sharp_turn_kmh / 3.6, cruise_mps_);
    for (std::size_t i = 0; i < segments_; ++i) {
        segment_length_m_.push_back(great_circle_distance_m(points_[i], points_[i + 1]));
        start_of_segment_m_.push_back(lap_length_m_);
        lap_length_m_ += segment_length_m_.back();
        course_deg_.push_back(initial_course_deg(points_[i], points_[i + 1]));
    }
    for (std::size_t i = 0; i < segments_; ++i) {
        const bool last = i + 1 == segments_;
        if (last && !options.loop) {
            speed_after_segment_mps_.push_back(0.0);
            continue;
        }
        // The course arriving at the bend, not leaving the segment's start: on a long segment
        // the great circle turns.
        const double arriving = std::fmod(initial_course_deg(points_[i + 1], points_[i]) + 180.0, 360.0);
        const double bend = bend_deg(arriving, course_deg_[last ? 0 : i + 1]);
        const double share = std::clamp((bend - kGentleBendDeg) / (kSharpBendDeg - kGentleBendDeg), 0.0, 1.0);
        speed_after_segment_mps_.push_back(cruise_mps_ + share * (sharp_mps - cruise_mps_));
    }
    if (options.noise_m > 0) {
        noise_north_m_ = options.noise_m * standard_normal(random_);
        noise_east_m_ = options.noise_m * standard_normal(random_);
    }
}

std::optional<std::int64_t> RouteSimulator::next_due() const {
    if (finished_) return std::nullopt;
    return next_due_steady_ms_;
}

void RouteSimulator::poll(Now now, std::vector<protocol::PositionFix>& out) {
    if (finished_ || now.steady_ms < next_due_steady_ms_) return;
    const double seconds = last_steady_ms_ ? std::min(static_cast<double>(now.steady_ms - *last_steady_ms_) / 1000.0,
                                                      kLongestCatchUpSeconds)
                                           : 0.0;
    drive(seconds);
    last_steady_ms_ = now.steady_ms;
    out.push_back(fix_now(now.unix_ms, seconds));
    ++readings_;
    if (arrived_) finished_ = true;
    // Keep the cadence; after a stall longer than an interval, a new one starts from now.
    const bool first = next_due_steady_ms_ == kNotStarted;
    const std::int64_t cadence = next_due_steady_ms_ + options_.interval_ms;
    next_due_steady_ms_ = first || cadence <= now.steady_ms ? now.steady_ms + options_.interval_ms : cadence;
}

// The fastest speed from which every bend ahead (and the stop at the end) can still be taken
// braking at braking_mps2: v^2 = v_bend^2 + 2 b d.
double RouteSimulator::allowed_speed_mps() const {
    const double braking = options_.braking_mps2;
    const double reach_m = cruise_mps_ * cruise_mps_ / (2 * braking);  // farther bends cannot matter
    double allowed = cruise_mps_;
    double distance = segment_length_m_[segment_] - offset_m_;
    for (std::size_t k = 0; k < segments_ && distance <= reach_m; ++k) {
        const std::size_t s = (segment_ + k) % segments_;
        allowed = std::min(
            allowed, std::sqrt(speed_after_segment_mps_[s] * speed_after_segment_mps_[s] + 2 * braking * distance));
        if (!options_.loop && s + 1 == segments_) break;
        distance += segment_length_m_[(s + 1) % segments_];
    }
    return allowed;
}

void RouteSimulator::drive(double seconds) {
    while (seconds > 0 && !arrived_) {
        const double dt = std::min(kStepSeconds, seconds);
        seconds -= dt;
        const double before = speed_mps_;
        const double allowed = allowed_speed_mps();
        speed_mps_ = before < allowed ? std::min(before + options_.acceleration_mps2 * dt, allowed) : allowed;
        const bool final_segment = !options_.loop && segment_ + 1 == segments_;
        if (final_segment)
            speed_mps_ = std::max(speed_mps_, std::min(kCreepMps, before + options_.acceleration_mps2 * dt));
        offset_m_ += (before + speed_mps_) / 2 * dt;  // exact for constant acceleration
        while (offset_m_ >= segment_length_m_[segment_]) {
            if (!options_.loop && segment_ + 1 == segments_) {
                offset_m_ = segment_length_m_[segment_];
                speed_mps_ = 0;
                arrived_ = true;
                break;
            }
            offset_m_ -= segment_length_m_[segment_];
            segment_ = (segment_ + 1) % segments_;
            if (segment_ == 0) ++laps_;
        }
    }
}

protocol::PositionFix RouteSimulator::fix_now(std::int64_t unix_ms, double seconds_since_last) {
    // At a route point exactly that point, not the great-circle arithmetic's rounding of it.
    LatLon p = offset_m_ <= 0 ? points_[segment_]
               : offset_m_ >= segment_length_m_[segment_]
                   ? points_[segment_ + 1]
                   : destination(points_[segment_], course_deg_[segment_], offset_m_);
    if (options_.noise_m > 0) {
        // First-order Gauss-Markov: correlated like real receiver error, same spread at any interval.
        const double keep = std::exp(-seconds_since_last / kNoiseCorrelationSeconds);
        const double fresh = options_.noise_m * std::sqrt(1 - keep * keep);
        noise_north_m_ = keep * noise_north_m_ + fresh * standard_normal(random_);
        noise_east_m_ = keep * noise_east_m_ + fresh * standard_normal(random_);
        p = offset_m(p, noise_north_m_, noise_east_m_);
    }
    protocol::PositionFix fix;
    fix.gnss_time = unix_ms;
    fix.lat = p.lat;
    fix.lon = p.lon;
    fix.speed_mps = speed_mps_;
    fix.heading_deg = course_deg_[segment_];
    fix.hdop = options_.hdop;
    fix.fix_quality = 1;
    fix.satellites = options_.satellites;
    return fix;
}

SourceStats RouteSimulator::stats() const {
    SourceStats stats;
    stats.readings = readings_;
    return stats;
}

std::string RouteSimulator::describe() const {
    std::ostringstream km;
    km.precision(1);
    km << std::fixed << lap_length_m_ / 1000.0;
    std::ostringstream text;
    text << "simulated drive along " << points_.size() - (options_.loop ? 1 : 0) << " points (" << km.str()
         << " km) at " << options_.cruise_kmh << " km/h";
    if (options_.loop) text << ", round and round";
    return text.str();
}

}  // namespace ems120::agent
