// MessagePack to messages, strictly (docs/protocol.md, "Validation"). Every failure is a
// DecodeError with a reject code; msgpack-cxx's own exceptions stop at this file.
#include <cmath>
#include <msgpack.hpp>

#include "protocol/codec.hpp"
#include "protocol/route_polyline.hpp"
#include "protocol/vital_signs.hpp"

namespace ems120::protocol {

namespace {

// Device clocks before this are unset receivers (GPS week rollover, 1980 defaults), not data.
constexpr UnixMillis kEarliestTime = 946'684'800'000;  // 2000-01-01T00:00:00Z

struct Invalid {
    RejectCode code;
    std::string detail;
};

// The key/value pairs of one message map, looked up by key.
class Fields {
public:
    explicit Fields(const msgpack::object_map& map) : map_(map) {}

    const msgpack::object* find(std::string_view key) const {
        for (std::uint32_t i = 0; i < map_.size; ++i) {
            const auto& k = map_.ptr[i].key;
            if (k.type == msgpack::type::STR && std::string_view(k.via.str.ptr, k.via.str.size) == key)
                return &map_.ptr[i].val;
        }
        return nullptr;
    }

    const msgpack::object& need(std::string_view key) const {
        if (const auto* o = find(key)) return *o;
        throw Invalid{RejectCode::missing_field, "missing field '" + std::string(key) + "'"};
    }

    std::string text(std::string_view key, std::size_t max_bytes, bool required = true) const {
        const auto* o = required ? &need(key) : find(key);
        if (!o) return {};
        if (o->type != msgpack::type::STR) throw wrong_type(key, "a string");
        if (o->via.str.size > max_bytes)
            throw Invalid{RejectCode::out_of_range, "field '" + std::string(key) + "' is longer than " + std::to_string(max_bytes) + " bytes"};
        return std::string(o->via.str.ptr, o->via.str.size);
    }

    std::uint64_t unsigned_int(std::string_view key) const { return as_unsigned(key, need(key)); }
    std::optional<std::uint64_t> optional_unsigned(std::string_view key) const {
        const auto* o = find(key);
        if (!o) return std::nullopt;
        return as_unsigned(key, *o);
    }

    std::int64_t signed_int(std::string_view key) const {
        const auto& o = need(key);
        if (o.type == msgpack::type::POSITIVE_INTEGER) {
            if (o.via.u64 > static_cast<std::uint64_t>(INT64_MAX)) throw out_of_range(key, "too large");
            return static_cast<std::int64_t>(o.via.u64);
        }
        if (o.type == msgpack::type::NEGATIVE_INTEGER) return o.via.i64;
        throw wrong_type(key, "an integer");
    }

    double number(std::string_view key) const { return as_number(key, need(key)); }
    std::optional<double> optional_number(std::string_view key) const {
        const auto* o = find(key);
        if (!o) return std::nullopt;
        return as_number(key, *o);
    }

    std::optional<double> optional_number_in(std::string_view key, double min, double max) const {
        auto v = optional_number(key);
        if (v && (*v < min || *v > max)) throw out_of_range(key, std::to_string(*v) + " is outside [" + std::to_string(min) + ", " + std::to_string(max) + "]");
        return v;
    }

    static Invalid wrong_type(std::string_view key, std::string_view expected) {
        return {RejectCode::wrong_type, "field '" + std::string(key) + "' must be " + std::string(expected)};
    }
    static Invalid out_of_range(std::string_view key, const std::string& why) {
        return {RejectCode::out_of_range, "field '" + std::string(key) + "' out of range: " + why};
    }

private:
    static std::uint64_t as_unsigned(std::string_view key, const msgpack::object& o) {
        if (o.type != msgpack::type::POSITIVE_INTEGER) throw wrong_type(key, "an unsigned integer");
        return o.via.u64;
    }
    static double as_number(std::string_view key, const msgpack::object& o) {
        double v = 0;
        switch (o.type) {
            case msgpack::type::POSITIVE_INTEGER: v = static_cast<double>(o.via.u64); break;
            case msgpack::type::NEGATIVE_INTEGER: v = static_cast<double>(o.via.i64); break;
            case msgpack::type::FLOAT32:
            case msgpack::type::FLOAT64: v = o.via.f64; break;
            default: throw wrong_type(key, "a number");
        }
        if (!std::isfinite(v)) throw Invalid{RejectCode::not_finite, "field '" + std::string(key) + "' is not a finite number"};
        return v;
    }

    const msgpack::object_map& map_;
};

class BodyDecoder {
public:
    BodyDecoder(const Fields& f, const DecodeContext& context) : f_(f), context_(context) {}

    Body decode(std::string_view type) const {
        if (type == "fix") return fix();
        if (type == "vitals") return vitals();
        if (type == "status") return status();
        if (type == "hb") return heartbeat();
        if (type == "ack") return ack();
        if (type == "hello") return hello();
        if (type == "order") return order();
        if (type == "order_ack") return OrderAck{f_.text("order", kMaxIdBytes), device_time("shown")};
        if (type == "order_cancel") return order_cancel();
        if (type == "reject") return reject();
        if (type == "gap") {
            Gap g;
            g.ranges = ranges("ranges", 0, true);
            g.fixes = f_.optional_unsigned("fixes").value_or(0);
            g.vitals = f_.optional_unsigned("vitals").value_or(0);
            return g;
        }
        throw Invalid{RejectCode::unknown_type, "unknown message type '" + std::string(type) + "'"};
    }

private:
    // A time stamped by the vehicle's clock: not before 2000, not far ahead of ours.
    UnixMillis device_time(std::string_view key) const {
        const auto t = f_.signed_int(key);
        if (t < kEarliestTime) throw Fields::out_of_range(key, "before 2000-01-01 (receiver clock not set?)");
        if (t > context_.now + context_.max_future_ms)
            throw Invalid{RejectCode::future_time, "field '" + std::string(key) + "' is " + std::to_string((t - context_.now) / 1000) + " s ahead of the center's clock"};
        return t;
    }

    Hello hello() const {
        Hello h;
        h.software_version = f_.text("sw", kMaxIdBytes);
        const auto& caps = f_.need("caps");
        if (caps.type != msgpack::type::ARRAY) throw Fields::wrong_type("caps", "an array of strings");
        for (std::uint32_t i = 0; i < caps.via.array.size; ++i) {
            const auto& c = caps.via.array.ptr[i];
            if (c.type != msgpack::type::STR || c.via.str.size > kMaxIdBytes) throw Fields::wrong_type("caps", "an array of short strings");
            h.capabilities.emplace_back(c.via.str.ptr, c.via.str.size);
        }
        h.stream_id = f_.unsigned_int("stream");
        return h;
    }

    PositionFix fix() const {
        PositionFix p;
        p.gnss_time = device_time("time");
        p.lat = f_.number("lat");
        p.lon = f_.number("lon");
        if (p.lat < -90 || p.lat > 90) throw Fields::out_of_range("lat", std::to_string(p.lat) + " is not a latitude");
        if (p.lon < -180 || p.lon > 180) throw Fields::out_of_range("lon", std::to_string(p.lon) + " is not a longitude");
        p.speed_mps = f_.optional_number_in("spd", 0, 150);  // 540 km/h: nothing on a road goes faster
        p.heading_deg = f_.optional_number_in("hdg", 0, 360);
        p.hdop = f_.optional_number_in("hdop", 0, 100);
        if (auto q = f_.optional_unsigned("q")) {
            if (*q > 8) throw Fields::out_of_range("q", "NMEA fix quality is 0..8");
            p.fix_quality = static_cast<std::uint8_t>(*q);
        }
        if (auto s = f_.optional_unsigned("sats")) {
            if (*s > 255) throw Fields::out_of_range("sats", "more than 255 satellites");
            p.satellites = static_cast<std::uint8_t>(*s);
        }
        return p;
    }

    Vitals vitals() const {
        Vitals v;
        v.time = device_time("time");
        v.incident_id = f_.text("inc", kMaxIdBytes, false);
        bool any = false;
        for (const auto& sign : kVitalSigns) {
            if (auto value = f_.optional_number(sign.key)) {
                v[sign.sign] = Measurement{*value, plausible(sign.sign, *value)};
                any = true;
            }
        }
        if (!any) throw Invalid{RejectCode::missing_field, "vitals without any vital sign"};
        return v;
    }

    CrewStatusChange status() const {
        CrewStatusChange s;
        s.time = device_time("time");
        const auto name = f_.text("status", kMaxIdBytes);
        const auto status = crew_status_from_string(name);
        if (!status) throw Fields::out_of_range("status", "unknown crew status '" + name + "'");
        s.status = *status;
        s.order_id = f_.text("order", kMaxIdBytes, false);
        return s;
    }

    Heartbeat heartbeat() const {
        Heartbeat h;
        h.time = f_.signed_int("time");  // a heartbeat's time is informative only
        h.outbox_pending = f_.optional_unsigned("pending").value_or(0);
        h.dropped_fixes = f_.optional_unsigned("drop_fix").value_or(0);
        h.dropped_vitals = f_.optional_unsigned("drop_vit").value_or(0);
        return h;
    }

    // [[first, last], ...] with 1 <= first <= last, each range above `floor`.
    std::vector<std::pair<Seq, Seq>> ranges(std::string_view key, Seq floor, bool required) const {
        std::vector<std::pair<Seq, Seq>> list;
        const auto* r = required ? &f_.need(key) : f_.find(key);
        if (!r) return list;
        if (r->type != msgpack::type::ARRAY) throw Fields::wrong_type(key, "an array of [first, last] pairs");
        for (std::uint32_t i = 0; i < r->via.array.size; ++i) {
            const auto& pair = r->via.array.ptr[i];
            if (pair.type != msgpack::type::ARRAY || pair.via.array.size != 2 ||
                pair.via.array.ptr[0].type != msgpack::type::POSITIVE_INTEGER ||
                pair.via.array.ptr[1].type != msgpack::type::POSITIVE_INTEGER)
                throw Fields::wrong_type(key, "an array of [first, last] pairs");
            const Seq first = pair.via.array.ptr[0].via.u64, last = pair.via.array.ptr[1].via.u64;
            if (first == 0 || first > last || first <= floor)
                throw Fields::out_of_range(key, "each range needs 1 <= first <= last, above 'cum'");
            list.emplace_back(first, last);
        }
        return list;
    }

    Ack ack() const {
        Ack a;
        a.cumulative = f_.unsigned_int("cum");
        a.ranges = ranges("ranges", a.cumulative, false);
        return a;
    }

    DispatchOrder order() const {
        DispatchOrder o;
        o.order_id = f_.text("order", kMaxIdBytes);
        o.incident_id = f_.text("inc", kMaxIdBytes);
        o.issued = f_.signed_int("issued");
        o.lat = f_.number("lat");
        o.lon = f_.number("lon");
        if (o.lat < -90 || o.lat > 90 || o.lon < -180 || o.lon > 180) throw Fields::out_of_range("lat/lon", "not a coordinate");
        o.address = f_.text("addr", kMaxTextBytes, false);
        o.priority = f_.text("prio", kMaxIdBytes, false);
        o.note = f_.text("note", kMaxTextBytes, false);
        o.complaint = f_.text("cmpl", kMaxTextBytes, false);
        o.eta_ms = bounded("eta", kMaxOrderEtaMs);
        o.distance_m = bounded("dist", kMaxOrderDistanceM);
        if (const auto text = f_.text("route", kMaxRouteBytes, false); !text.empty()) {
            std::string error;
            auto points = decode_polyline6(text, kMaxRoutePoints, error);
            if (!points) throw Fields::out_of_range("route", error);
            if (points->size() < 2) throw Fields::out_of_range("route", "a route needs at least two points");
            o.route = std::move(*points);
        }
        return o;
    }

    std::optional<std::uint32_t> bounded(std::string_view key, std::uint32_t max) const {
        const auto v = f_.optional_unsigned(key);
        if (v && *v > max) throw Fields::out_of_range(key, std::to_string(*v) + " is over " + std::to_string(max));
        if (!v) return std::nullopt;
        return static_cast<std::uint32_t>(*v);
    }

    OrderCancel order_cancel() const {
        OrderCancel c;
        c.order_id = f_.text("order", kMaxIdBytes);
        if (c.order_id.empty()) throw Fields::out_of_range("order", "empty order id");  // would cancel nothing
        c.reason = f_.text("reason", kMaxTextBytes, false);
        return c;
    }

    Reject reject() const {
        Reject r;
        r.seq = f_.optional_unsigned("ref").value_or(0);
        r.detail = f_.text("detail", kMaxTextBytes, false);
        const auto code = f_.text("code", kMaxIdBytes);
        for (std::size_t i = 0; i < kRejectCodeCount; ++i)
            if (to_string(static_cast<RejectCode>(i)) == code) r.code = static_cast<RejectCode>(i);
        return r;
    }

    const Fields& f_;
    const DecodeContext& context_;
};

void decode_message(const msgpack::object& root, const DecodeContext& context, DecodeResult& result) {
    DecodeError error;
    try {
        if (root.type != msgpack::type::MAP) throw Invalid{RejectCode::malformed, "a message must be a MessagePack map"};
        const Fields f(root.via.map);
        // The envelope first, so a later error can still name the vehicle and seq.
        const auto* vehicle = f.find("veh");
        if (vehicle && vehicle->type == msgpack::type::STR && vehicle->via.str.size <= kMaxIdBytes)
            error.vehicle.value.assign(vehicle->via.str.ptr, vehicle->via.str.size);
        if (const auto* seq = f.find("seq"); seq && seq->type == msgpack::type::POSITIVE_INTEGER) error.seq = seq->via.u64;

        const auto version = f.unsigned_int("v");
        if (version != kProtocolVersion)
            throw Invalid{RejectCode::bad_version, "protocol version " + std::to_string(version) + " (this center speaks " + std::to_string(kProtocolVersion) + ")"};
        const auto type = f.text("t", kMaxIdBytes);
        Message m;
        m.vehicle.value = f.text("veh", kMaxIdBytes);
        if (m.vehicle.value.empty()) throw Fields::out_of_range("veh", "empty vehicle id");
        m.body = BodyDecoder(f, context).decode(type);
        if (is_sequenced(m.body)) {
            m.seq = f.unsigned_int("seq");
            if (m.seq == 0) throw Fields::out_of_range("seq", "sequence numbers start at 1");
        }
        result.message = std::move(m);
    } catch (Invalid& invalid) {
        error.code = invalid.code;
        error.detail = std::move(invalid.detail);
        result.error = std::move(error);
    }
}

// Limits far above any valid message, so hostile length prefixes cannot make the parser allocate
// more than a few hundred KiB.
const msgpack::unpack_limit kLimits(/*array=*/1024, /*map=*/64, /*str=*/kMaxFrameBytes, /*bin=*/kMaxFrameBytes,
                                    /*ext=*/kMaxFrameBytes, /*depth=*/4);

bool reference_strings(msgpack::type::object_type, std::size_t, void*) { return true; }

}  // namespace

std::vector<DecodeResult> decode_frame(std::string_view frame, const DecodeContext& context) {
    std::vector<DecodeResult> results;
    if (frame.size() > kMaxFrameBytes) {
        results.push_back({std::nullopt, DecodeError{RejectCode::too_large, "frame of " + std::to_string(frame.size()) + " bytes is over the " + std::to_string(kMaxFrameBytes) + "-byte limit", {}, 0}});
        return results;
    }
    if (frame.empty()) {
        results.push_back({std::nullopt, DecodeError{RejectCode::malformed, "empty frame", {}, 0}});
        return results;
    }
    std::size_t offset = 0;
    while (offset < frame.size()) {
        DecodeResult& result = results.emplace_back();
        result.begin = offset;
        try {
            const msgpack::object_handle handle =
                msgpack::unpack(frame.data(), frame.size(), offset, reference_strings, nullptr, kLimits);
            result.end = offset;
            decode_message(handle.get(), context, result);
        } catch (const std::exception& e) {  // msgpack::unpack_error, size limits, std::bad_alloc
            result.error = DecodeError{RejectCode::malformed, std::string("not MessagePack at byte ") + std::to_string(offset) + ": " + e.what(), {}, 0};
            break;  // the rest of the frame has no reliable message boundary
        }
    }
    return results;
}

}  // namespace ems120::protocol
