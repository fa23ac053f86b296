// bench_journal: the dispatcher's journal, on a realistic day of a county fleet, in one run:
//   1. append: the journal's records/s with a commit every kCommitEvery records (the live server
//      commits once per turn of its loop, for the frames of that turn), without and with
//      fdatasync, against raw write() (+ fdatasync) of the same bytes per commit in the same run;
//   2. replay: constructing an IngestServer with a dispatch center on the journal (what a restart
//      does) with no snapshot, against TelemetryJournal::replay reading only and reading + decoding;
//   3. snapshot: the snapshot a clean stop writes (size, time), then restarts that replay only the
//      records after it: none, and a tail of one snapshot interval (the most the default
//      snapshot_every leaves to a restart).
// The journal: every vehicle a hello, then a position fix each second moving along the roads of the
// map (or parked), crew statuses and order acknowledgements for its incidents, vital signs while a
// patient is on board; the center's calls, destinations, offers and timed-out offers interleaved
// as the live center journals them. After each replay the fleet and the incident book are checked
// against what was written; the program exits 1 when they differ.
//
//   build/bin/bench_journal [--events N] [--vehicles N] [--sync-records N] [--map FILE.osm.pbf]
//
// Prints JSON lines (docs/performance.md); ratios to the baselines are measured in the same run.
// Target: a full replay of 1,000,000 events < 5 s.
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <numbers>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <zmq.hpp>

#include "dispatch/center_event.hpp"
#include "dispatch/ingest_server.hpp"
#include "dispatch/state_snapshot.hpp"
#include "dispatch/telemetry_journal.hpp"
#include "maps/geodesy.hpp"
#include "protocol/codec.hpp"
#include "routing/routable_map.hpp"
#include "routing/segment_index.hpp"
#include "storage/record_log_format.hpp"

using namespace ems120;
using namespace ems120::dispatch;
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;
constexpr protocol::UnixMillis kStart = 1'800'000'000'000;
constexpr std::size_t kCommitEvery = 64;
const std::uint64_t kSnapshotEvery = JournalOptions{}.snapshot_every;  // the default interval

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

double cpu_now() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Wall time and this thread's CPU time of one piece of work (the machine is shared).
struct Timed {
    double wall = 0, cpu = 0;
};

template <class F>
Timed timed(F&& work) {
    const auto start = Clock::now();
    const double cpu = cpu_now();
    work();
    return {seconds_since(start), cpu_now() - cpu};
}

// The replayed center's clock: the journal's last record is "now", so offers still pending at the
// end of the journal are not timed out by the restart (which would decide and route anew).
class JournalClock final : public link::Clock {
public:
    std::int64_t steady_ms() const override {
        return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
    }
    std::int64_t unix_ms() const override { return now; }
    protocol::UnixMillis now = kStart;
};

// ---- The journal's records, as the live server would have written them ---------------------

// Records back to back in one buffer: appending them measures the journal, not the allocator.
struct Records {
    std::string bytes;
    std::vector<std::size_t> end;  // record i is [end[i-1], end[i])
    std::vector<protocol::UnixMillis> time;
    std::size_t center = 0;  // how many are center records

    std::size_t size() const { return end.size(); }
    std::string_view at(std::size_t i) const {
        const std::size_t begin = i == 0 ? 0 : end[i - 1];
        return std::string_view(bytes).substr(begin, end[i] - begin);
    }
    void add(protocol::UnixMillis t, std::string_view record) {
        bytes.append(record);
        end.push_back(bytes.size());
        time.push_back(t);
    }
};

struct Pose {
    LatLon at;
    double speed_mps = 0, heading_deg = 0;
};

double bearing_deg(LatLon a, LatLon b) {
    const double east = (b.lon - a.lon) * std::cos((a.lat + b.lat) / 2.0 * std::numbers::pi / 180.0);
    const double d = std::atan2(east, b.lat - a.lat) * 180.0 / std::numbers::pi;
    return d < 0 ? d + 360.0 : d;
}

// A vehicle driving the road graph at its edges' travel times, turning at random at junctions.
struct RoadWalker {
    std::uint32_t from = 0, edge = 0;
    double along_ms = 0;

    static RoadWalker at_random_edge(const RoadGraph& g, std::mt19937& rng) {
        std::uniform_int_distribution<std::uint32_t> node(0, static_cast<std::uint32_t>(g.node_count() - 1));
        for (;;) {
            const std::uint32_t v = node(rng);
            if (g.first_out[v] != g.first_out[v + 1]) return {v, g.first_out[v] + static_cast<std::uint32_t>(rng() % (g.first_out[v + 1] - g.first_out[v])), 0};
        }
    }
    double edge_ms(const RoadGraph& g) const { return std::max<double>(1.0, g.time_ms[edge]); }
    void step(const RoadGraph& g, double ms, std::mt19937& rng) {
        along_ms += ms;
        while (along_ms >= edge_ms(g)) {
            along_ms -= edge_ms(g);
            const std::uint32_t previous = from;
            from = g.head[edge].value();
            const std::uint32_t first = g.first_out[from], last = g.first_out[from + 1];
            if (first == last) {  // a dead end of a one-way road: towed elsewhere
                *this = at_random_edge(g, rng);
                return;
            }
            edge = first + static_cast<std::uint32_t>(rng() % (last - first));
            // No U-turn where there is another way on.
            if (last - first > 1 && g.head[edge].value() == previous) edge = edge + 1 < last ? edge + 1 : first;
        }
    }
    Pose pose(const RoadGraph& g) const {
        const LatLon a = g.location[from], b = g.location[g.head[edge].value()];
        const double f = along_ms / edge_ms(g);
        return {{a.lat + f * (b.lat - a.lat), a.lon + f * (b.lon - a.lon)},
                g.length_m[edge] / (edge_ms(g) / 1000.0), bearing_deg(a, b)};
    }
};

// A call and the roads its units will drive: the scene is where a unit's drive along the roads
// ends, the hospital where the transport from the scene ends.
struct Call {
    IncidentId id;
    LatLon scene;
    std::vector<Pose> transport;  // one pose a second
    RoadWalker after_transport;
    std::size_t offers = 0;
};

enum class Phase { idle, offered, en_route, on_scene, transporting, at_hospital };

struct Unit {
    protocol::VehicleId id;
    protocol::Seq seq = 0;
    std::uint64_t stream = 0;
    bool hello_sent = false, parked = false, ignores_offer = false;
    RoadWalker walk;
    Pose pose;
    Phase phase = Phase::idle;
    std::size_t call = 0;  // index into calls while not idle
    std::string order;
    std::uint64_t next_tick = 0, offered_tick = 0;
    std::vector<Pose> plan;
    std::size_t plan_at = 0;
    bool patient = false;
};

// What the replay must give back.
struct Expected {
    std::size_t vehicles = 0, incidents = 0, closed = 0;
    std::map<protocol::VehicleId, protocol::Seq> last_seq;
};

// A simulated day of the fleet, one tick a second, written as journal records until asked to stop.
class FleetDay {
public:
    FleetDay(const RoadGraph& g, std::size_t vehicles, unsigned seed) : g_(g), rng_(seed) {
        units_.resize(vehicles);
        for (std::size_t i = 0; i < vehicles; ++i) {
            Unit& u = units_[i];
            char id[24];
            std::snprintf(id, sizeof id, "A%04zu", i);
            u.id.value = id;
            u.stream = rng_() | 1;
            u.walk = RoadWalker::at_random_edge(g_, rng_);
            u.parked = unit_(rng_) < 0.6;  // most ambulances wait at a station or a standby point
            u.pose = u.walk.pose(g_);
            u.pose.speed_mps = u.parked ? 0 : u.pose.speed_mps;
        }
        // About a quarter of the fleet busy: an incident keeps a unit ~9 min (a short day: a
        // million records are 17 min of 1,000 vehicles, and the replay should see calls closed).
        call_rate_ = static_cast<double>(vehicles) * 0.25 / 540.0;
    }

    // Appends `count` more records to `out`.
    void write(Records& out, std::size_t count) {
        const std::size_t goal = out.size() + count;
        while (out.size() < goal) {
            if (unit_at_ == 0) center_turn(out, goal);
            while (unit_at_ < units_.size() && out.size() < goal) unit_turn(units_[unit_at_++], out, goal);
            if (unit_at_ == units_.size()) {
                unit_at_ = 0;
                ++tick_;
            }
        }
    }

    // One position fix of a vehicle that has spoken, as it would arrive over the link now.
    std::pair<protocol::UnixMillis, std::string> extra_fix() {
        Unit& u = units_.front();
        const protocol::UnixMillis t = tick_time(tick_) + 999;
        return {t, telemetry(u, t, fix_at(u.pose, t))};
    }

    const Expected& expected() const { return expected_; }
    protocol::UnixMillis last_time() const { return last_time_; }
    double simulated_seconds() const { return static_cast<double>(tick_); }

private:
    protocol::UnixMillis tick_time(std::uint64_t tick) const { return kStart + static_cast<protocol::UnixMillis>(tick) * 1000; }

    static protocol::PositionFix fix_at(const Pose& p, protocol::UnixMillis t) {
        protocol::PositionFix f;
        f.gnss_time = t;
        f.lat = p.at.lat;
        f.lon = p.at.lon;
        f.speed_mps = p.speed_mps;
        f.heading_deg = p.heading_deg;
        f.hdop = 0.9;
        f.fix_quality = 1;
        f.satellites = 11;
        return f;
    }

    std::string telemetry(Unit& u, protocol::UnixMillis t, protocol::Body body) {
        const bool sequenced = protocol::is_sequenced(body);
        const protocol::Message m{u.id, sequenced ? ++u.seq : 0, std::move(body)};
        if (sequenced) expected_.last_seq[u.id] = u.seq;
        last_time_ = std::max(last_time_, t);
        return protocol::encode(m);
    }

    void send(Unit& u, Records& out, protocol::UnixMillis t, protocol::Body body) { out.add(t, telemetry(u, t, std::move(body))); }

    void journal(Records& out, const CenterEvent& event) {
        out.add(time_of(event), encode_center_event(event));
        ++out.center;
        last_time_ = std::max(last_time_, time_of(event));
    }

    std::optional<std::size_t> idle_unit() {
        std::uniform_int_distribution<std::size_t> pick(0, units_.size() - 1);
        for (int tries = 0; tries < 64; ++tries) {
            const std::size_t i = pick(rng_);
            if (units_[i].phase == Phase::idle && units_[i].hello_sent) return i;
        }
        return std::nullopt;
    }

    // Offers the call to unit `i`: it drives `plan` to the scene once it acknowledges.
    void offer(Records& out, std::size_t call_index, std::size_t i, std::vector<Pose> plan, protocol::UnixMillis t) {
        Call& c = calls_[call_index];
        Unit& u = units_[i];
        u.phase = Phase::offered;
        u.call = call_index;
        u.order = c.id.value + "-" + std::to_string(++c.offers);
        u.offered_tick = tick_;
        u.ignores_offer = unit_(rng_) < 0.03;  // the crew misses the order: it times out
        u.next_tick = tick_ + 2 + rng_() % 8;
        const auto eta = static_cast<TravelTime>(plan.size() * 1000);
        u.plan = std::move(plan);
        u.plan_at = 0;
        journal(out, UnitOffered{c.id, t, u.id, u.order, eta, false, false, "", {}, std::nullopt});
    }

    // The center's part of a tick: new calls, and offers nobody acknowledged in time.
    void center_turn(Records& out, std::size_t goal) {
        const protocol::UnixMillis t = tick_time(tick_) + 950 - 1000;  // end of the previous tick
        for (std::size_t i = 0; i < units_.size() && out.size() + 2 <= goal; ++i) {
            Unit& u = units_[i];
            if (u.phase != Phase::offered || !u.ignores_offer || tick_ < u.offered_tick + 61) continue;
            const std::size_t call_index = u.call;
            journal(out, OfferTimedOut{calls_[call_index].id, t, u.order});
            u.phase = Phase::idle;
            u.ignores_offer = false;
            if (const auto next = idle_unit()) offer(out, call_index, *next, straight_to(units_[*next].pose.at, calls_[call_index].scene), t);
        }
        if (tick_ == 0 || out.size() + 3 > goal) return;
        std::poisson_distribution<int> arrivals(call_rate_);
        for (int n = arrivals(rng_); n > 0; --n) {
            const auto unit = idle_unit();
            if (!unit) return;
            Unit& u = units_[*unit];
            Call c;
            c.id.value = [&] {
                char id[24];
                std::snprintf(id, sizeof id, "I%06zu", calls_.size() + 1);
                return std::string(id);
            }();
            // The unit's drive along the roads (0.5 to 3 min), then the transport (1 to 4 min).
            RoadWalker w = u.walk;
            std::vector<Pose> to_scene = drive(w, 30 + rng_() % 150);
            c.scene = w.pose(g_).at;
            c.transport = drive(w, 60 + rng_() % 180);
            c.after_transport = w;
            const LatLon hospital = w.pose(g_).at;
            CallDetails details;
            details.location = c.scene;
            details.place_name = "Triq " + std::to_string(rng_() % 400) + ", near the junction";
            const double r = unit_(rng_);
            details.priority = r < 0.1 ? CallPriority::critical : r < 0.5 ? CallPriority::emergency
                               : r < 0.9 ? CallPriority::urgent : CallPriority::non_urgent;
            details.determinant = "10-D-01";
            details.complaint = "chest pain, conscious and breathing";
            details.caller_number = "+35621" + std::to_string(100000 + rng_() % 900000);
            details.idempotency_key = "call-" + c.id.value;
            calls_.push_back(std::move(c));
            ++expected_.incidents;
            const std::size_t call_index = calls_.size() - 1;
            journal(out, CallReceived{calls_[call_index].id, t, std::move(details)});
            journal(out, DestinationChosen{calls_[call_index].id, t,
                                           Destination{"H1", "Mater Dei Hospital", hospital,
                                                       static_cast<TravelTime>(calls_[call_index].transport.size() * 1000)}});
            offer(out, call_index, *unit, std::move(to_scene), t);
        }
    }

    std::vector<Pose> drive(RoadWalker& w, std::size_t seconds) {
        std::vector<Pose> poses;
        for (std::size_t s = 0; s < seconds; ++s) {
            w.step(g_, 1000, rng_);
            poses.push_back(w.pose(g_));
        }
        return poses;
    }

    static std::vector<Pose> straight_to(LatLon from, LatLon to) {
        const double metres = geodesic_distance_m(from, to);
        const auto seconds = static_cast<std::size_t>(std::max(1.0, metres / 14.0));
        std::vector<Pose> poses;
        for (std::size_t s = 1; s <= seconds; ++s) {
            const double f = static_cast<double>(s) / static_cast<double>(seconds);
            poses.push_back({{from.lat + f * (to.lat - from.lat), from.lon + f * (to.lon - from.lon)}, 14.0, bearing_deg(from, to)});
        }
        return poses;
    }

    void status(Unit& u, Records& out, protocol::UnixMillis t, protocol::CrewStatus s) {
        send(u, out, t, protocol::CrewStatusChange{t, s, u.order});
    }

    void unit_turn(Unit& u, Records& out, std::size_t goal) {
        const protocol::UnixMillis t = tick_time(tick_) + static_cast<protocol::UnixMillis>(unit_at_ * 900 / units_.size());
        if (!u.hello_sent) {
            u.hello_sent = true;
            ++expected_.vehicles;
            send(u, out, t, protocol::Hello{"ems120-agent 1.4.2", {"fix", "status", "orders", "vitals"}, u.stream});
            return;
        }
        using protocol::CrewStatus;
        // Status changes first, each only while there is room for it (the journal ends anywhere).
        const bool due = tick_ >= u.next_tick && out.size() + 3 <= goal;
        switch (u.phase) {
            case Phase::idle:
                if (!u.parked) {
                    u.walk.step(g_, 1000, rng_);
                    u.pose = u.walk.pose(g_);
                } else {
                    u.pose.speed_mps = 0;
                }
                break;
            case Phase::offered:
                if (due && !u.ignores_offer) {
                    send(u, out, t, protocol::OrderAck{u.order, t});
                    status(u, out, t, CrewStatus::en_route);
                    u.phase = Phase::en_route;
                }
                break;
            case Phase::en_route:
                if (u.plan_at < u.plan.size()) {
                    u.pose = u.plan[u.plan_at++];
                } else if (out.size() + 2 <= goal) {
                    u.pose = {calls_[u.call].scene, 0, u.pose.heading_deg};
                    status(u, out, t, CrewStatus::on_scene);
                    u.phase = Phase::on_scene;
                    u.next_tick = tick_ + 60 + rng_() % 180;
                }
                break;
            case Phase::on_scene:
                if (!u.patient && out.size() + 2 <= goal) {
                    status(u, out, t, CrewStatus::patient_contact);
                    u.patient = true;
                }
                if (due) {
                    status(u, out, t, CrewStatus::transporting);
                    u.phase = Phase::transporting;
                    u.plan = calls_[u.call].transport;
                    u.plan_at = 0;
                }
                break;
            case Phase::transporting:
                if (u.plan_at < u.plan.size()) {
                    u.pose = u.plan[u.plan_at++];
                } else if (out.size() + 2 <= goal) {
                    u.pose.speed_mps = 0;
                    status(u, out, t, CrewStatus::at_hospital);
                    u.phase = Phase::at_hospital;
                    u.next_tick = tick_ + 90 + rng_() % 180;
                }
                break;
            case Phase::at_hospital:
                if (u.patient && tick_ + 60 >= u.next_tick && out.size() + 2 <= goal) {
                    status(u, out, t, CrewStatus::handover);
                    u.patient = false;
                }
                if (due && !u.patient) {
                    status(u, out, t, CrewStatus::available);
                    ++expected_.closed;
                    u.phase = Phase::idle;
                    u.parked = false;  // drives back
                    u.walk = calls_[u.call].after_transport;
                    u.order.clear();
                }
                break;
        }
        if (out.size() >= goal) return;
        send(u, out, t, fix_at(u.pose, t));
        // The monitor reports every 5 s while a patient is on board.
        if (u.patient && (tick_ + unit_at_) % 5 == 0 && out.size() < goal) {
            protocol::Vitals v;
            v.time = t;
            v.incident_id = calls_[u.call].id.value;
            v[protocol::VitalSign::heart_rate] = protocol::Measurement{88.0 + static_cast<double>(rng_() % 20)};
            v[protocol::VitalSign::spo2] = protocol::Measurement{94.0 + static_cast<double>(rng_() % 5)};
            v[protocol::VitalSign::nibp_systolic] = protocol::Measurement{128.0};
            v[protocol::VitalSign::nibp_diastolic] = protocol::Measurement{84.0};
            v[protocol::VitalSign::respiratory_rate] = protocol::Measurement{18.0};
            send(u, out, t, std::move(v));
        }
    }

    const RoadGraph& g_;
    std::mt19937 rng_;
    std::uniform_real_distribution<double> unit_{0.0, 1.0};
    std::vector<Unit> units_;
    std::vector<Call> calls_;
    double call_rate_ = 0;
    std::uint64_t tick_ = 0;
    std::size_t unit_at_ = 0;
    protocol::UnixMillis last_time_ = kStart;
    Expected expected_;
};

// ---- Appending -------------------------------------------------------------------------------

// The journal's writer, committing as the live server does.
double append_journal(const Records& records, std::size_t count, const fs::path& dir, bool sync) {
    const auto start = Clock::now();
    TelemetryJournal journal(JournalOptions{dir, JournalOptions{}.segment_bytes, sync, 0});
    for (std::size_t i = 0; i < count; ++i) {
        journal.append(records.time[i], records.at(i));
        if ((i + 1) % kCommitEvery == 0) journal.commit();
    }
    journal.commit();
    return seconds_since(start);
}

// Baseline: the same records ([received at][message], no framing or checksum) with one write()
// per commit, and fdatasync when the journal syncs.
double append_raw(const Records& records, std::size_t count, const fs::path& file, bool sync) {
    const auto start = Clock::now();
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error("cannot create " + file.string());
    std::string buffer;
    const auto flush = [&] {
        for (std::size_t done = 0; done < buffer.size();) {
            const ssize_t n = ::write(fd, buffer.data() + done, buffer.size() - done);
            if (n < 0) throw std::runtime_error("cannot write " + file.string());
            done += static_cast<std::size_t>(n);
        }
        buffer.clear();
        if (sync && ::fdatasync(fd) != 0) throw std::runtime_error("cannot sync " + file.string());
    };
    for (std::size_t i = 0; i < count; ++i) {
        const auto t = static_cast<std::uint64_t>(records.time[i]);
        for (int b = 0; b < 8; ++b) buffer.push_back(static_cast<char>((t >> (8 * b)) & 0xff));
        buffer.append(records.at(i));
        if ((i + 1) % kCommitEvery == 0) flush();
    }
    flush();
    ::close(fd);
    return seconds_since(start);
}

void print_append(const Records& records, std::size_t count, const fs::path& root, bool sync) {
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < count; ++i) bytes += 8 + records.at(i).size();
    const fs::path dir = root / (sync ? "append-sync" : "append");
    fs::create_directories(dir);
    // Baseline, journal, baseline again: the mean of the two baselines brackets the journal's run.
    const double raw1 = append_raw(records, count, dir / "raw-1", sync);
    const double journal = append_journal(records, count, dir / "journal", sync);
    const double raw2 = append_raw(records, count, dir / "raw-2", sync);
    const double raw = (raw1 + raw2) / 2;
    std::uint64_t journal_bytes = 0;
    for (const auto& e : fs::directory_iterator(dir / "journal")) journal_bytes += fs::file_size(e.path());
    const double n = static_cast<double>(count);
    std::printf("{\"bench\":\"journal_append\",\"records\":%zu,\"sync\":%s,\"commit_every\":%zu,\"payload_bytes\":%zu,"
                "\"journal_file_bytes\":%llu,\"seconds\":%.3f,\"records_per_s\":%.0f,\"mb_per_s\":%.1f,"
                "\"baseline\":\"write()%s per commit\",\"baseline_seconds\":%.3f,\"baseline_records_per_s\":%.0f,"
                "\"ratio\":%.3f}\n",
                count, sync ? "true" : "false", kCommitEvery, bytes, static_cast<unsigned long long>(journal_bytes), journal,
                n / journal, static_cast<double>(bytes) / journal / 1e6, sync ? "+fdatasync" : "", raw, n / raw, raw / journal);
    std::fflush(stdout);
    fs::remove_all(dir);
}

// ---- Replaying -------------------------------------------------------------------------------

struct Restart {
    std::unique_ptr<IngestServer> server;
    Timed time;
};

IngestConfig server_config(const fs::path& journal, std::uint64_t snapshot_every, const CenterSetup& center, int n,
                           std::vector<std::string>* log) {
    IngestConfig config;
    config.listen = "inproc://bench-journal-" + std::to_string(n);
    config.journal = JournalOptions{journal, JournalOptions{}.segment_bytes, false, snapshot_every};
    config.center = center;
    if (log) config.log = [log](const std::string& line) { log->push_back(line); };
    return config;
}

Restart restart(zmq::context_t& context, const JournalClock& clock, const IngestConfig& config) {
    Restart r;
    r.time = timed([&] { r.server = std::make_unique<IngestServer>(context, config, clock); });
    return r;
}

// What differs between the replayed state and what was written (empty when they agree).
std::vector<std::string> differences(const IngestServer& server, const Expected& expected) {
    std::vector<std::string> out;
    const auto& vehicles = server.fleet().vehicles();
    if (vehicles.size() != expected.vehicles)
        out.push_back(std::to_string(vehicles.size()) + " vehicles replayed, " + std::to_string(expected.vehicles) + " written");
    std::size_t wrong_seq = 0;
    for (const auto& [id, seq] : expected.last_seq) {
        const auto* v = server.fleet().find(id);
        wrong_seq += !v || v->sequence.cumulative() != seq;
    }
    if (wrong_seq) out.push_back(std::to_string(wrong_seq) + " vehicles with another last sequence number than written");
    const auto& incidents = server.center()->book().incidents();
    if (incidents.size() != expected.incidents)
        out.push_back(std::to_string(incidents.size()) + " incidents replayed, " + std::to_string(expected.incidents) + " written");
    const auto closed = static_cast<std::size_t>(std::count_if(incidents.begin(), incidents.end(), [](const auto& i) {
        return i.second.state == IncidentState::closed;
    }));
    if (closed != expected.closed)
        out.push_back(std::to_string(closed) + " incidents closed after the replay, " + std::to_string(expected.closed) + " in the journal");
    for (const auto& note : server.startup_notes())
        if (note.find("skipped") != std::string::npos || note.find("torn") != std::string::npos) out.push_back(note);
    return out;
}

bool report_differences(const char* what, const IngestServer& server, const Expected& expected) {
    const auto problems = differences(server, expected);
    for (const auto& p : problems) std::fprintf(stderr, "bench_journal: %s: %s\n", what, p.c_str());
    return problems.empty();
}

// Sends one position fix to the server as a vehicle would and turns its loop until it is journaled.
void send_through(zmq::context_t& context, IngestServer& server, const std::string& endpoint, const std::string& frame) {
    zmq::socket_t dealer(context, zmq::socket_type::dealer);
    dealer.set(zmq::sockopt::linger, 0);
    dealer.connect(endpoint);
    dealer.send(zmq::buffer(frame), zmq::send_flags::none);
    const auto before = server.counters().accepted;
    for (int turns = 0; server.counters().accepted == before; ++turns) {
        if (turns > 1000) throw std::runtime_error("the server did not accept the fix sent to it");
        server.run_once(10);
    }
}

std::uint64_t snapshot_bytes(const fs::path& dir) {
    std::uint64_t bytes = 0;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".snap") bytes = std::max<std::uint64_t>(bytes, fs::file_size(e.path()));
    return bytes;
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t events = 1'000'000, vehicles = 1000, sync_records = 20'000;
    std::string map = "../shared/maps/malta.osm.pbf";
    const char* usage = "usage: bench_journal [--events N (1000000)] [--vehicles N (1000)] [--sync-records N (20000)] [--map FILE.osm.pbf]";
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--events" && i + 1 < argc) events = std::max<std::size_t>(1000, std::stoul(argv[++i]));
        else if (a == "--vehicles" && i + 1 < argc) vehicles = std::max<std::size_t>(1, std::stoul(argv[++i]));
        else if (a == "--sync-records" && i + 1 < argc) sync_records = std::max<std::size_t>(kCommitEvery, std::stoul(argv[++i]));
        else if (a == "--map" && i + 1 < argc) map = argv[++i];
        else if (a == "--help") {
            std::puts(usage);
            return 0;
        } else {
            std::fprintf(stderr, "%s\n", usage);
            return 2;
        }
    }
    if (!fs::exists(map)) {
        std::fprintf(stderr, "bench_journal: %s not found (run from the source tree, or give --map)\n%s\n", map.c_str(), usage);
        return 2;
    }
    const std::string map_name = fs::path(map).stem().stem().string();

    auto start = Clock::now();
    const RoutableMap routable = build_routable_map(map, RoadProfile::ambulance_default(), GraphOptions{});
    const SegmentIndex segments(routable.map.graph);
    const double load_s = seconds_since(start);
    CenterSetup center;
    center.modes = TravelModes::one_for_all(RoutingIndex{&routable.map.graph, &routable.ch, &segments});

    // The day, and a tail of one snapshot interval written after the snapshot.
    start = Clock::now();
    FleetDay day(routable.map.graph, vehicles, 20261124);
    Records records;
    day.write(records, events);
    const Expected written = day.expected();
    const protocol::UnixMillis day_end = day.last_time();
    const double simulated_s = day.simulated_seconds();
    const auto extra = day.extra_fix();
    const Expected with_extra = day.expected();
    Records tail;
    day.write(tail, kSnapshotEvery);
    const Expected with_tail = day.expected();
    const double generate_s = seconds_since(start);
    std::printf("{\"bench\":\"journal_setup\",\"map\":\"%s\",\"vehicles\":%zu,\"records\":%zu,\"center_records\":%zu,"
                "\"incidents\":%zu,\"closed_incidents\":%zu,\"bytes\":%zu,\"simulated_s\":%.0f,\"map_load_seconds\":%.2f,"
                "\"generate_seconds\":%.2f}\n",
                map_name.c_str(), written.vehicles, records.size(), records.center, written.incidents, written.closed,
                records.bytes.size() + 8 * records.size(), simulated_s, load_s, generate_s);
    std::fflush(stdout);

    char pattern[] = "/tmp/ems120-journal-bench-XXXXXX";
    if (!::mkdtemp(pattern)) {
        std::perror("bench_journal: mkdtemp");
        return 2;
    }
    const fs::path root = pattern;
    bool ok = true;
    try {
        // 1. Appending.
        print_append(records, records.size(), root, false);
        print_append(records, std::min(sync_records, records.size()), root, true);

        // The journal the restarts read, written as the live server would (no sync: same bytes).
        const fs::path dir = root / "journal";
        append_journal(records, records.size(), dir, false);

        // 2. Full replay against reading and decoding.
        std::uint64_t read = 0, decoded = 0;
        const Timed read_only = timed([&] { read = TelemetryJournal::replay(dir, [](protocol::UnixMillis, std::string_view) {}).records; });
        const Timed decode_only = timed([&] {
            TelemetryJournal::replay(dir, [&](protocol::UnixMillis, std::string_view bytes) {
                if (is_center_event_record(bytes)) decoded += !decode_center_event(bytes).valueless_by_exception();
                else for (const auto& r : protocol::decode_frame(bytes, kJournalDecodeContext)) decoded += r.message.has_value();
            });
        });
        zmq::context_t context(1);
        JournalClock clock;
        clock.now = day_end;
        Timed full;
        {
            auto r = restart(context, clock, server_config(dir, 0, center, 1, nullptr));
            full = r.time;
            ok = report_differences("full replay", *r.server, written) && ok;
        }
        // The same replay on a server that will snapshot at its clean stop.
        std::vector<std::string> log;
        const IngestConfig snapshotting = server_config(dir, kSnapshotEvery, center, 2, &log);
        auto second = restart(context, clock, snapshotting);
        ok = report_differences("second full replay", *second.server, written) && ok;
        std::printf("{\"bench\":\"journal_replay\",\"events\":%zu,\"vehicles\":%zu,\"incidents\":%zu,\"seconds\":%.3f,"
                    "\"cpu_seconds\":%.3f,\"events_per_s\":%.0f,\"read_only_seconds\":%.3f,\"decode_only_seconds\":%.3f,"
                    "\"ratio_to_read\":%.2f,\"ratio_to_decode\":%.2f,\"second_run_seconds\":%.3f,\"records_read\":%llu,"
                    "\"messages_decoded\":%llu,\"target_s\":5}\n",
                    records.size(), written.vehicles, written.incidents, full.wall, full.cpu,
                    static_cast<double>(records.size()) / full.wall, read_only.wall, decode_only.wall, full.wall / read_only.wall,
                    full.wall / decode_only.wall, second.time.wall, static_cast<unsigned long long>(read),
                    static_cast<unsigned long long>(decoded));
        std::fflush(stdout);

        // 3. The snapshot a clean stop writes (one record appended through the server first: a stop
        // with nothing new writes none), timed in parts too: encoding the state, and decoding it
        // (most of what restoring costs).
        send_through(context, *second.server, snapshotting.listen, extra.second);
        clock.now = extra.first;
        std::vector<const Incident*> incidents;
        for (const auto& [id, incident] : second.server->center()->book().incidents()) incidents.push_back(&incident);
        std::string text;
        const Timed encode = timed([&] { text = encode_snapshot(second.server->fleet(), incidents, 0); });
        std::size_t decoded_vehicles = 0;
        const Timed decode = timed([&] { decoded_vehicles = decode_snapshot(text).fleet.vehicles().size(); });
        const Timed stop = timed([&] { second.server.reset(); });
        std::string logged;
        for (const auto& line : log)
            if (line.find("snapshot") != std::string::npos) logged = line;
        const std::uint64_t snap_bytes = snapshot_bytes(dir);
        // The server's stop swallows what went wrong (nothing unacknowledged is lost); ask the
        // same function with the same text to find out.
        std::string error;
        if (snap_bytes == 0) {
            try {
                fs::create_directories(root / "snapshot-probe");
                write_snapshot(root / "snapshot-probe", 1, text);
            } catch (const std::exception& e) {
                error = e.what();
            }
            std::fprintf(stderr, "bench_journal: the server wrote no snapshot at its clean stop%s%s\n",
                         error.empty() ? "" : ": ", error.c_str());
            ok = false;
        }
        std::printf("{\"bench\":\"journal_snapshot\",\"vehicles\":%zu,\"incidents\":%zu,\"encoded_bytes\":%zu,"
                    "\"record_limit_bytes\":%u,\"written\":%s,\"file_bytes\":%llu,\"encode_seconds\":%.3f,"
                    "\"decode_seconds\":%.3f,\"stop_seconds\":%.3f,\"server_log\":\"%s\",\"error\":\"%s\"}\n",
                    decoded_vehicles, incidents.size(), text.size(), storage::kMaxRecordBytes, snap_bytes ? "true" : "false",
                    static_cast<unsigned long long>(snap_bytes), encode.wall, decode.wall, stop.wall, logged.c_str(),
                    error.substr(0, error.find(" for /")).c_str());  // without the temporary path
        std::fflush(stdout);

        if (snap_bytes) {
            // Restart with nothing after the snapshot, then with a tail of one snapshot interval.
            const auto snapshot_segment = journal_segments(dir).back();  // opened by the snapshot
            {
                auto r = restart(context, clock, server_config(dir, kSnapshotEvery, center, 3, nullptr));
                ok = report_differences("restart after the snapshot", *r.server, with_extra) && ok;
                std::printf("{\"bench\":\"journal_restart_after_snapshot\",\"measured\":true,\"events_after_snapshot\":1,"
                            "\"seconds\":%.3f,\"cpu_seconds\":%.3f,\"full_replay_seconds\":%.3f,\"ratio_to_full_replay\":%.3f}\n",
                            r.time.wall, r.time.cpu, full.wall, r.time.wall / full.wall);
                std::fflush(stdout);
            }
            append_journal(tail, tail.size(), dir, false);
            clock.now = day.last_time();
            std::uint64_t tail_read = 0;
            const Timed tail_read_only = timed([&] {
                tail_read = TelemetryJournal::replay(dir, [](protocol::UnixMillis, std::string_view) {}, snapshot_segment).records;
            });
            auto r = restart(context, clock, server_config(dir, kSnapshotEvery, center, 4, nullptr));
            ok = report_differences("restart after the snapshot and a tail", *r.server, with_tail) && ok;
            std::printf("{\"bench\":\"journal_restart_after_snapshot\",\"measured\":true,\"events_after_snapshot\":%llu,"
                        "\"seconds\":%.3f,\"cpu_seconds\":%.3f,\"tail_read_only_seconds\":%.3f,\"full_replay_seconds\":%.3f,"
                        "\"ratio_to_full_replay\":%.3f}\n",
                        static_cast<unsigned long long>(tail_read), r.time.wall, r.time.cpu, tail_read_only.wall, full.wall,
                        r.time.wall / full.wall);
            std::fflush(stdout);
        } else {
            // No snapshot to restart from: an estimate from its parts, decoding the snapshot plus
            // replaying the tail alone on a fresh server (its center records then name incidents
            // it does not know, so it skips them: a little less work than the real restart).
            const fs::path tail_dir = root / "tail-only";
            append_journal(tail, tail.size(), tail_dir, false);
            clock.now = day.last_time();
            auto r = restart(context, clock, server_config(tail_dir, kSnapshotEvery, center, 5, nullptr));
            std::printf("{\"bench\":\"journal_restart_after_snapshot\",\"measured\":false,\"events_after_snapshot\":1,"
                        "\"estimated_seconds\":%.3f,\"full_replay_seconds\":%.3f,\"ratio_to_full_replay\":%.3f}\n",
                        decode.wall, full.wall, decode.wall / full.wall);
            std::printf("{\"bench\":\"journal_restart_after_snapshot\",\"measured\":false,\"events_after_snapshot\":%zu,"
                        "\"estimated_seconds\":%.3f,\"tail_replay_seconds\":%.3f,\"full_replay_seconds\":%.3f,"
                        "\"ratio_to_full_replay\":%.3f}\n",
                        tail.size(), decode.wall + r.time.wall, r.time.wall, full.wall, (decode.wall + r.time.wall) / full.wall);
            std::fflush(stdout);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_journal: %s\n", e.what());
        ok = false;
    }
    fs::remove_all(root);
    return ok ? 0 : 1;
}
