// Messages to MessagePack: one map per message, short string keys (docs/protocol.md).
#include <msgpack.hpp>

#include "protocol/codec.hpp"
#include "protocol/route_polyline.hpp"
#include "protocol/vital_signs.hpp"

namespace ems120::protocol {

namespace {

// msgpack::packer writes into anything with write(const char*, size_t).
struct StringSink {
    std::string& out;
    void write(const char* data, std::size_t size) { out.append(data, size); }
};

using Packer = msgpack::packer<StringSink>;

void key(Packer& p, std::string_view k) { p.pack_str(static_cast<std::uint32_t>(k.size())); p.pack_str_body(k.data(), static_cast<std::uint32_t>(k.size())); }
void str(Packer& p, std::string_view k, std::string_view v) { key(p, k); key(p, v); }
void u64(Packer& p, std::string_view k, std::uint64_t v) { key(p, k); p.pack_uint64(v); }
void i64(Packer& p, std::string_view k, std::int64_t v) { key(p, k); p.pack_int64(v); }
void f64(Packer& p, std::string_view k, double v) { key(p, k); p.pack_double(v); }

// The fields each body adds after the envelope; count() says how many, so the map header can be
// written first.
struct BodyFields {
    Packer& p;

    static std::uint32_t count(const Body& body) {
        return std::visit([](const auto& b) { return fields(b); }, body);
    }

    static std::uint32_t fields(const Hello&) { return 3; }
    static std::uint32_t fields(const PositionFix& f) {
        return 3 + f.speed_mps.has_value() + f.heading_deg.has_value() + f.hdop.has_value() +
               f.fix_quality.has_value() + f.satellites.has_value();
    }
    static std::uint32_t fields(const Vitals& v) {
        std::uint32_t n = 1 + !v.incident_id.empty();
        for (const auto& m : v.values) n += m.has_value();
        return n;
    }
    static std::uint32_t fields(const CrewStatusChange& s) { return 2 + !s.order_id.empty(); }
    static std::uint32_t fields(const Heartbeat&) { return 4; }
    static std::uint32_t fields(const Ack& a) { return 1 + !a.ranges.empty(); }
    static std::uint32_t fields(const DispatchOrder& o) {
        return 8 + !o.complaint.empty() + o.eta_ms.has_value() + o.distance_m.has_value() + !o.route.empty();
    }
    static std::uint32_t fields(const OrderAck&) { return 2; }
    static std::uint32_t fields(const Reject&) { return 3; }
    static std::uint32_t fields(const Gap&) { return 3; }
    static std::uint32_t fields(const OrderCancel& c) { return 1 + !c.reason.empty(); }

    void ranges(std::string_view k, const std::vector<std::pair<Seq, Seq>>& list) const {
        key(p, k);
        p.pack_array(static_cast<std::uint32_t>(list.size()));
        for (const auto& [first, last] : list) {
            p.pack_array(2);
            p.pack_uint64(first);
            p.pack_uint64(last);
        }
    }

    void operator()(const Hello& h) const {
        str(p, "sw", h.software_version);
        key(p, "caps");
        p.pack_array(static_cast<std::uint32_t>(h.capabilities.size()));
        for (const auto& c : h.capabilities) key(p, c);
        u64(p, "stream", h.stream_id);
    }
    void operator()(const PositionFix& f) const {
        i64(p, "time", f.gnss_time);
        f64(p, "lat", f.lat);
        f64(p, "lon", f.lon);
        if (f.speed_mps) f64(p, "spd", *f.speed_mps);
        if (f.heading_deg) f64(p, "hdg", *f.heading_deg);
        if (f.hdop) f64(p, "hdop", *f.hdop);
        if (f.fix_quality) u64(p, "q", *f.fix_quality);
        if (f.satellites) u64(p, "sats", *f.satellites);
    }
    void operator()(const Vitals& v) const {
        i64(p, "time", v.time);
        if (!v.incident_id.empty()) str(p, "inc", v.incident_id);
        // Plausibility is the receiver's judgement, so only the value travels.
        for (const auto& sign : kVitalSigns)
            if (const auto& m = v[sign.sign]) f64(p, sign.key, m->value);
    }
    void operator()(const CrewStatusChange& s) const {
        i64(p, "time", s.time);
        str(p, "status", to_string(s.status));
        if (!s.order_id.empty()) str(p, "order", s.order_id);
    }
    void operator()(const Heartbeat& h) const {
        i64(p, "time", h.time);
        u64(p, "pending", h.outbox_pending);
        u64(p, "drop_fix", h.dropped_fixes);
        u64(p, "drop_vit", h.dropped_vitals);
    }
    void operator()(const Ack& a) const {
        u64(p, "cum", a.cumulative);
        if (!a.ranges.empty()) ranges("ranges", a.ranges);
    }
    void operator()(const Gap& g) const {
        ranges("ranges", g.ranges);
        u64(p, "fixes", g.fixes);
        u64(p, "vitals", g.vitals);
    }
    void operator()(const DispatchOrder& o) const {
        str(p, "order", o.order_id);
        str(p, "inc", o.incident_id);
        i64(p, "issued", o.issued);
        f64(p, "lat", o.lat);
        f64(p, "lon", o.lon);
        str(p, "addr", o.address);
        str(p, "prio", o.priority);
        str(p, "note", o.note);
        if (!o.complaint.empty()) str(p, "cmpl", o.complaint);
        if (o.eta_ms) u64(p, "eta", *o.eta_ms);
        if (o.distance_m) u64(p, "dist", *o.distance_m);
        if (!o.route.empty()) str(p, "route", encode_polyline6(o.route));
    }
    void operator()(const OrderAck& a) const {
        str(p, "order", a.order_id);
        i64(p, "shown", a.shown);
    }
    void operator()(const OrderCancel& c) const {
        str(p, "order", c.order_id);
        if (!c.reason.empty()) str(p, "reason", c.reason);
    }
    void operator()(const Reject& r) const {
        u64(p, "ref", r.seq);
        str(p, "code", to_string(r.code));
        str(p, "detail", r.detail);
    }
};

}  // namespace

void encode(const Message& message, std::string& out) {
    StringSink sink{out};
    Packer p(sink);
    const bool sequenced = message.seq != 0;
    p.pack_map(3 + sequenced + BodyFields::count(message.body));
    u64(p, "v", kProtocolVersion);
    str(p, "t", type_name(message.body));
    str(p, "veh", message.vehicle.value);
    if (sequenced) u64(p, "seq", message.seq);
    std::visit(BodyFields{p}, message.body);
}

std::string encode(const Message& message) {
    std::string out;
    encode(message, out);
    return out;
}

}  // namespace ems120::protocol
