#include "dispatch/state_snapshot.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "dispatch/incident_json.hpp"
#include "storage/record_log.hpp"

namespace ems120::dispatch {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr int kFormat = 1;

template <class T>
json opt(const std::optional<T>& v) { return v ? json(*v) : json(nullptr); }
template <class T>
std::optional<T> opt_from(const json& v) { return v.is_null() ? std::nullopt : std::optional<T>(v.get<T>()); }

json fix_json(const protocol::PositionFix& f) {
    return json::array({f.gnss_time, f.lat, f.lon, opt(f.speed_mps), opt(f.heading_deg), opt(f.hdop), opt(f.fix_quality), opt(f.satellites)});
}

protocol::PositionFix fix_from(const json& a) {
    protocol::PositionFix f;
    f.gnss_time = a.at(0).get<protocol::UnixMillis>();
    f.lat = a.at(1).get<double>();
    f.lon = a.at(2).get<double>();
    f.speed_mps = opt_from<double>(a.at(3));
    f.heading_deg = opt_from<double>(a.at(4));
    f.hdop = opt_from<double>(a.at(5));
    f.fix_quality = opt_from<std::uint8_t>(a.at(6));
    f.satellites = opt_from<std::uint8_t>(a.at(7));
    return f;
}

json vehicle_json(const VehicleState& v) {
    const protocol::Ack seen = v.sequence.ack(SIZE_MAX);
    json track = json::array();
    const std::size_t skip = v.track.size() > kSnapshotTrackFixes ? v.track.size() - kSnapshotTrackFixes : 0;
    for (std::size_t i = skip; i < v.track.size(); ++i) track.push_back(fix_json(v.track[i]));
    json vitals = json::array();
    for (const auto& m : v.vitals)
        vitals.push_back(m ? json::array({m->measurement.value, m->measurement.plausible, m->time}) : json(nullptr));
    const auto& c = v.counts;
    return {{"id", v.id.value},
            {"stream", v.stream_id},
            {"software", v.software},
            {"capabilities", v.capabilities},
            {"seen", seen.cumulative},
            {"seen_ranges", seen.ranges},
            {"position", v.position ? fix_json(*v.position) : json(nullptr)},
            {"track", std::move(track)},
            {"status", v.status ? json::array({v.status->time, static_cast<int>(v.status->status), v.status->order_id}) : json(nullptr)},
            {"vitals", std::move(vitals)},
            {"incident", v.incident_id},
            {"counts", {c.accepted, c.duplicates, c.late_fixes, c.gap_notices, c.rejects}},
            {"orders_shown", v.orders_shown}};
}

void restore_vehicle(FleetState& fleet, const json& j) {
    VehicleState& v = fleet.vehicle({j.at("id").get<std::string>()});
    v.stream_id = j.at("stream").get<std::uint64_t>();
    v.software = j.at("software").get<std::string>();
    v.capabilities = j.at("capabilities").get<std::vector<std::string>>();
    const auto cumulative = j.at("seen").get<protocol::Seq>();
    if (cumulative > 0) v.sequence.mark_range(1, cumulative);
    for (const auto& [first, last] : j.at("seen_ranges").get<std::vector<std::pair<protocol::Seq, protocol::Seq>>>()) {
        if (first == 0 || last < first) throw std::invalid_argument("bad sequence range");
        v.sequence.mark_range(first, last);
    }
    if (!j.at("position").is_null()) v.position = fix_from(j.at("position"));
    for (const auto& f : j.at("track")) v.track.push_back(fix_from(f));
    if (const json& s = j.at("status"); !s.is_null()) {
        const int status = s.at(1).get<int>();
        if (status < 0 || static_cast<std::size_t>(status) >= protocol::kCrewStatusCount) throw std::invalid_argument("bad crew status");
        v.status = protocol::CrewStatusChange{s.at(0).get<protocol::UnixMillis>(), static_cast<protocol::CrewStatus>(status),
                                              s.at(2).get<std::string>()};
    }
    const json& vitals = j.at("vitals");
    for (std::size_t i = 0; i < protocol::kVitalSignCount && i < vitals.size(); ++i)
        if (!vitals[i].is_null())
            v.vitals[i] = TimedMeasurement{{vitals[i].at(0).get<double>(), vitals[i].at(1).get<bool>()},
                                           vitals[i].at(2).get<protocol::UnixMillis>()};
    v.incident_id = j.at("incident").get<std::string>();
    const json& c = j.at("counts");
    v.counts.accepted = c.at(0).get<std::uint64_t>();
    v.counts.duplicates = c.at(1).get<std::uint64_t>();
    v.counts.late_fixes = c.at(2).get<std::uint64_t>();
    v.counts.gap_notices = c.at(3).get<std::uint64_t>();
    v.counts.rejects = c.at(4).get<decltype(v.counts.rejects)>();
    v.orders_shown = j.at("orders_shown").get<std::map<std::string, protocol::UnixMillis>>();
}

fs::path snapshot_path(const fs::path& dir, std::uint32_t segment) {
    char name[32];
    std::snprintf(name, sizeof name, "snapshot-%08u.snap", segment);
    return dir / name;
}

std::vector<std::uint32_t> snapshot_segments(const fs::path& dir) {
    std::vector<std::uint32_t> found;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(dir, error)) {
        const auto name = entry.path().filename().string();
        if (name.size() == 22 && name.starts_with("snapshot-") && name.ends_with(".snap") &&
            std::all_of(name.begin() + 9, name.begin() + 17, ::isdigit))
            found.push_back(static_cast<std::uint32_t>(std::stoul(name.substr(9, 8))));
    }
    std::sort(found.begin(), found.end());
    return found;
}

void sync_directory(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

// JSON lines: a header, then one line per vehicle and one per incident. Each line becomes one
// record of the file, so no record comes near the record size limit however big the fleet.
std::string encode_snapshot(const FleetState& fleet, const std::vector<const Incident*>& incidents, std::uint32_t first_segment,
                            const std::vector<MoveUpOrdered>& move_ups) {
    std::string text = json{{"format", kFormat},
                            {"first_segment", first_segment},
                            {"vehicles", fleet.vehicles().size()},
                            {"incidents", incidents.size()},
                            {"move_ups", move_ups.size()}}
                           .dump();
    for (const auto& [id, v] : fleet.vehicles()) {
        text += '\n';
        text += json{{"vehicle", vehicle_json(v)}}.dump();
    }
    for (const Incident* incident : incidents) {
        text += '\n';
        text += json{{"incident", incident_to_json(*incident, true)}}.dump();
    }
    for (const MoveUpOrdered& move : move_ups) {
        text += '\n';
        text += json{{"move_up", json::parse(encode_center_event(move))}}.dump();
    }
    return text;
}

Snapshot decode_snapshot(std::string_view text) {
    try {
        Snapshot s;
        std::size_t vehicles = 0, incidents = 0, move_ups = 0;
        bool header = true;
        while (!text.empty()) {
            const auto end = text.find('\n');
            const json j = json::parse(text.substr(0, end));
            text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
            if (header) {
                if (j.at("format").get<int>() != kFormat)
                    throw std::invalid_argument("snapshot format " + j.at("format").dump() + " is not known");
                s.first_segment = j.at("first_segment").get<std::uint32_t>();
                vehicles = j.at("vehicles").get<std::size_t>();
                incidents = j.at("incidents").get<std::size_t>();
                move_ups = j.value("move_ups", std::size_t{0});  // snapshots from before move-ups were journaled
                header = false;
            } else if (j.contains("vehicle")) {
                restore_vehicle(s.fleet, j.at("vehicle"));
            } else if (j.contains("move_up")) {
                s.move_ups.push_back(std::get<MoveUpOrdered>(decode_center_event(j.at("move_up").dump())));
            } else {
                s.incidents.push_back(incident_from_json(j.at("incident")));
            }
        }
        if (header || s.fleet.vehicles().size() != vehicles || s.incidents.size() != incidents || s.move_ups.size() != move_ups)
            throw std::invalid_argument("the snapshot is incomplete");
        return s;
    } catch (const json::exception& e) {
        throw std::invalid_argument(std::string("malformed snapshot: ") + e.what());
    } catch (const std::bad_variant_access&) {
        throw std::invalid_argument("malformed snapshot: a move-up line holds another record");
    }
}

void write_snapshot(const fs::path& directory, std::uint32_t first_segment, const std::string& text, std::size_t keep) {
    const fs::path final_path = snapshot_path(directory, first_segment);
    fs::path temporary = final_path;
    temporary += ".tmp";
    fs::remove(temporary);
    {
        storage::RecordWriter writer(temporary);
        for (std::size_t begin = 0; begin <= text.size();) {
            const auto end = std::min(text.find('\n', begin), text.size());
            writer.append(std::string_view(text).substr(begin, end - begin));
            begin = end + 1;
        }
        writer.sync();
    }
    fs::rename(temporary, final_path);
    sync_directory(directory);
    auto existing = snapshot_segments(directory);
    while (existing.size() > keep) {
        std::error_code ignored;
        fs::remove(snapshot_path(directory, existing.front()), ignored);
        existing.erase(existing.begin());
    }
}

std::optional<Snapshot> read_latest_snapshot(const fs::path& directory, std::vector<std::string>& problems) {
    auto segments = snapshot_segments(directory);
    for (auto it = segments.rbegin(); it != segments.rend(); ++it) {
        const fs::path path = snapshot_path(directory, *it);
        try {
            std::optional<std::string> text;
            const auto report = storage::read_records(path, [&](std::string_view payload, std::uint64_t) {
                if (text) *text += '\n';
                else text.emplace();
                text->append(payload);
            });
            if (!text || !report.problem.empty()) throw std::invalid_argument(report.problem.empty() ? "empty" : report.problem);
            Snapshot snapshot = decode_snapshot(*text);
            if (snapshot.first_segment != *it) throw std::invalid_argument("it names segment " + std::to_string(snapshot.first_segment));
            return snapshot;
        } catch (const std::exception& e) {
            problems.push_back(path.string() + " cannot be used (" + e.what() + "); trying an older one");
        }
    }
    return std::nullopt;
}

}  // namespace ems120::dispatch
