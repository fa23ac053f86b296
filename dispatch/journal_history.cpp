#include "dispatch/journal_history.hpp"

#include "dispatch/center_event.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>

#include "protocol/codec.hpp"
#include "protocol/vital_signs.hpp"

namespace ems120::dispatch {

namespace {

protocol::Seq order_key(const protocol::Message& m) {
    if (protocol::is_sequenced(m.body)) return m.seq;
    if (const auto* r = std::get_if<protocol::Reject>(&m.body)) return r->seq;
    if (const auto* g = std::get_if<protocol::Gap>(&m.body); g && !g->ranges.empty()) return g->ranges.front().first;
    return 0;  // hello: starts its stream
}

nlohmann::json ranges_json(const std::vector<std::pair<protocol::Seq, protocol::Seq>>& ranges) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& [a, b] : ranges) list.push_back({a, b});
    return list;
}

struct BodyJson {
    nlohmann::json& j;
    void operator()(const protocol::Hello& h) const { j["software"] = h.software_version; j["stream"] = h.stream_id; }
    void operator()(const protocol::PositionFix& f) const {
        j["time_ms"] = f.gnss_time, j["lat"] = f.lat, j["lon"] = f.lon;
        if (f.speed_mps) j["speed_mps"] = *f.speed_mps;
        if (f.heading_deg) j["heading_deg"] = *f.heading_deg;
        if (f.hdop) j["hdop"] = *f.hdop;
        if (f.fix_quality) j["fix_quality"] = *f.fix_quality;
        if (f.satellites) j["satellites"] = *f.satellites;
    }
    void operator()(const protocol::Vitals& v) const {
        j["time_ms"] = v.time;
        if (!v.incident_id.empty()) j["incident"] = v.incident_id;
        for (const auto& sign : protocol::kVitalSigns)
            if (const auto& m = v[sign.sign]) j[std::string(sign.key)] = m->plausible ? nlohmann::json(m->value) : nlohmann::json{{"value", m->value}, {"plausible", false}};
    }
    void operator()(const protocol::CrewStatusChange& s) const {
        j["time_ms"] = s.time, j["status"] = protocol::to_string(s.status);
        if (!s.order_id.empty()) j["order"] = s.order_id;
    }
    void operator()(const protocol::Heartbeat&) const {}
    void operator()(const protocol::Ack&) const {}
    void operator()(const protocol::DispatchOrder& o) const { j["order"] = o.order_id; }
    void operator()(const protocol::OrderCancel& c) const { j["order"] = c.order_id, j["reason"] = c.reason; }
    void operator()(const protocol::OrderAck& a) const { j["order"] = a.order_id, j["shown_ms"] = a.shown; }
    void operator()(const protocol::Reject& r) const { j["rejected_seq"] = r.seq, j["code"] = protocol::to_string(r.code), j["detail"] = r.detail; }
    void operator()(const protocol::Gap& g) const { j["dropped"] = ranges_json(g.ranges), j["fixes"] = g.fixes, j["vitals"] = g.vitals; }
};

}  // namespace

JournalHistory read_journal_history(const std::filesystem::path& directory) {
    JournalHistory history;
    std::map<protocol::VehicleId, VehicleHistory> by_vehicle;
    std::map<protocol::VehicleId, std::pair<std::uint64_t, std::uint32_t>> streams;  // stream id, index
    history.replay = TelemetryJournal::replay(directory, [&](protocol::UnixMillis received, std::string_view bytes) {
        if (is_center_event_record(bytes)) {
            ++history.center_records;  // the dispatch center's own decisions, not a vehicle's data
            return;
        }
        for (auto& result : protocol::decode_frame(bytes, kJournalDecodeContext)) {
            if (!result.message) {
                ++history.undecodable;
                continue;
            }
            auto& m = *result.message;
            auto& [stream, index] = streams[m.vehicle];
            if (const auto* hello = std::get_if<protocol::Hello>(&m.body)) {
                if (stream != 0 && stream != hello->stream_id) ++index;
                stream = hello->stream_id;
            }
            auto& vh = by_vehicle[m.vehicle];
            vh.vehicle = m.vehicle;
            vh.records.push_back({received, index, std::move(m)});
        }
    });
    for (auto& [id, vh] : by_vehicle) {
        std::stable_sort(vh.records.begin(), vh.records.end(), [](const JournalRecord& a, const JournalRecord& b) {
            if (a.stream_index != b.stream_index) return a.stream_index < b.stream_index;
            return order_key(a.message) < order_key(b.message);
        });
        history.vehicles.push_back(std::move(vh));
    }
    return history;
}

std::string record_json(const protocol::VehicleId& vehicle, const JournalRecord& record) {
    nlohmann::json j{{"vehicle", vehicle.value}, {"stream", record.stream_index}, {"type", protocol::type_name(record.message.body)}};
    if (record.message.seq) j["seq"] = record.message.seq;
    j["received_ms"] = record.received;
    std::visit(BodyJson{j}, record.message.body);
    return j.dump();
}

}  // namespace ems120::dispatch
