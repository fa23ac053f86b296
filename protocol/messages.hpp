#pragma once
// The messages between an ambulance's in-vehicle unit and the 120 center, as plain structs.
// The wire form (MessagePack) is in protocol/codec.hpp and written down in docs/protocol.md.
#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "maps/lat_lon.hpp"

namespace ems120::protocol {

inline constexpr std::uint32_t kProtocolVersion = 1;

// A vehicle's call sign as the center knows it ("A12"); a distinct type so it is never mixed up
// with an order or incident id.
struct VehicleId {
    std::string value;
    auto operator<=>(const VehicleId&) const = default;
};

// Position in a vehicle's uplink stream: 1, 2, 3 ... per stream; 0 marks messages that are not
// stored or acknowledged (hello, heartbeat).
using Seq = std::uint64_t;

// Milliseconds since 1970-01-01T00:00:00Z (GNSS time converted to UTC).
using UnixMillis = std::int64_t;

struct Hello {
    std::string software_version;
    std::vector<std::string> capabilities;  // e.g. "vitals", "orders"
    std::uint64_t stream_id = 0;            // random, made with the outbox; a new one restarts seq at 1
};

struct PositionFix {
    UnixMillis gnss_time = 0;
    double lat = 0, lon = 0;                 // WGS84 degrees
    std::optional<double> speed_mps;         // over ground
    std::optional<double> heading_deg;       // true course, [0, 360)
    std::optional<double> hdop;
    std::optional<std::uint8_t> fix_quality; // NMEA GGA: 1 GPS, 2 DGPS, 4 RTK fixed, 5 RTK float ...
    std::optional<std::uint8_t> satellites;
};

// The vital signs a transport monitor reports; names, LOINC codes and UCUM units in
// protocol/vital_signs.hpp.
enum class VitalSign : std::uint8_t {
    heart_rate,
    spo2,
    nibp_systolic,
    nibp_diastolic,
    respiratory_rate,
    temperature,
    etco2,
};
inline constexpr std::size_t kVitalSignCount = 7;

struct Measurement {
    double value = 0;
    // False when the value is outside physiological bounds (a loose lead, a sensor fault): kept and
    // shown as doubtful, never silently dropped.
    bool plausible = true;
};

struct Vitals {
    UnixMillis time = 0;
    std::string incident_id;  // empty when not on an incident
    std::array<std::optional<Measurement>, kVitalSignCount> values;

    std::optional<Measurement>& operator[](VitalSign s) { return values[static_cast<std::size_t>(s)]; }
    const std::optional<Measurement>& operator[](VitalSign s) const { return values[static_cast<std::size_t>(s)]; }
};

// patient_contact and handover came last (appended, so stored values keep their meaning): they give
// the center the NEMSIS-like "patient contact" and "transfer of care" times.
enum class CrewStatus : std::uint8_t {
    available,
    en_route,
    on_scene,
    transporting,
    at_hospital,
    out_of_service,
    patient_contact,
    handover,
};
inline constexpr std::size_t kCrewStatusCount = 8;

struct CrewStatusChange {
    UnixMillis time = 0;
    CrewStatus status = CrewStatus::available;
    std::string order_id;  // the order this status belongs to, if any
};

// Both ways. Uplink heartbeats also tell the center how the vehicle's outbox is doing.
struct Heartbeat {
    UnixMillis time = 0;
    std::uint64_t outbox_pending = 0;        // stored, not yet acknowledged
    std::uint64_t dropped_fixes = 0;         // thinned because the outbox was full (since start)
    std::uint64_t dropped_vitals = 0;
};

// Center -> vehicle: every seq <= cumulative is processed, and so is every [first, last] range
// (those the live lane delivered ahead of the backlog).
struct Ack {
    Seq cumulative = 0;
    std::vector<std::pair<Seq, Seq>> ranges;
};

// The incident a move-up order names: not a call, but "drive to this station and stay available"
// (the order's lat/lon and address are the station). The crew's unit makes it its new base.
inline constexpr std::string_view kMoveUpIncidentId = "move-up";

struct DispatchOrder {
    std::string order_id;
    std::string incident_id;
    UnixMillis issued = 0;
    double lat = 0, lon = 0;  // where the patient is
    std::string address;
    std::string priority;     // e.g. "1" (most urgent) .. "4"
    std::string note;
    // Added within version 1, all optional (an older center sends none of them): what the caller
    // said, and the center's route from where the unit was when ordered to the patient.
    std::string complaint;
    std::optional<std::uint32_t> eta_ms;      // routed drive time
    std::optional<std::uint32_t> distance_m;  // along the road
    // The road path, unit first, patient last, on the micro-degree grid (protocol/route_polyline),
    // simplified to within a few metres; empty when the center had none (no position, no map).
    std::vector<LatLon> route;
};

// Center -> vehicle: the order was cancelled or given to another unit. Not sequenced: the center
// sends it a few times and the vehicle answers nothing (showing it twice is harmless).
struct OrderCancel {
    std::string order_id;
    std::string reason;  // for the crew, e.g. "reassigned to B07"; may be empty
};

// Vehicle -> center: the order reached the crew's screen.
struct OrderAck {
    std::string order_id;
    UnixMillis shown = 0;
};

// Vehicle -> center, repeated until acknowledged: the outbox was full, so these sequence numbers
// were dropped unsent (positions thinned first, then vitals). The center counts them as done, so
// its cumulative acknowledgement can pass them, and journals the gap.
struct Gap {
    std::vector<std::pair<Seq, Seq>> ranges;
    std::uint64_t fixes = 0, vitals = 0;  // how many of each the ranges hold
};

enum class RejectCode : std::uint8_t {
    malformed,        // not MessagePack, or not a map
    too_large,        // frame over kMaxFrameBytes
    bad_version,
    unknown_type,
    missing_field,
    wrong_type,
    not_finite,       // NaN or infinity
    out_of_range,     // e.g. latitude 91
    future_time,      // device time too far ahead of the center's clock
    not_authorised,   // vehicle id does not match the key that signed in
};
inline constexpr std::size_t kRejectCodeCount = 10;

struct Reject {
    Seq seq = 0;          // of the rejected message, 0 when unknown
    RejectCode code = RejectCode::malformed;
    std::string detail;
};

using Body = std::variant<Hello, PositionFix, Vitals, CrewStatusChange, Heartbeat, Ack, DispatchOrder, OrderAck, Reject, Gap,
                          OrderCancel>;

struct Message {
    VehicleId vehicle;
    Seq seq = 0;
    Body body;
};

// Whether a message of this body type is stored in the outbox and acknowledged.
bool is_sequenced(const Body& body);

}  // namespace ems120::protocol
