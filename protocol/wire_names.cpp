// The strings the wire uses for types, crew statuses and reject codes (docs/protocol.md).
#include <array>

#include "protocol/codec.hpp"

namespace ems120::protocol {

namespace {

constexpr std::array<std::string_view, kCrewStatusCount> kStatusNames{
    "available",      "en_route",        "on_scene", "transporting", "at_hospital",
    "out_of_service", "patient_contact", "handover"};

constexpr std::array<std::string_view, kRejectCodeCount> kRejectNames{
    "malformed", "too_large", "bad_version", "unknown_type", "missing_field",
    "wrong_type", "not_finite", "out_of_range", "future_time", "not_authorised"};

struct TypeName {
    std::string_view operator()(const Hello&) const { return "hello"; }
    std::string_view operator()(const PositionFix&) const { return "fix"; }
    std::string_view operator()(const Vitals&) const { return "vitals"; }
    std::string_view operator()(const CrewStatusChange&) const { return "status"; }
    std::string_view operator()(const Heartbeat&) const { return "hb"; }
    std::string_view operator()(const Ack&) const { return "ack"; }
    std::string_view operator()(const DispatchOrder&) const { return "order"; }
    std::string_view operator()(const OrderAck&) const { return "order_ack"; }
    std::string_view operator()(const Reject&) const { return "reject"; }
    std::string_view operator()(const Gap&) const { return "gap"; }
    std::string_view operator()(const OrderCancel&) const { return "order_cancel"; }
};

}  // namespace

std::string_view type_name(const Body& body) { return std::visit(TypeName{}, body); }

std::string_view to_string(CrewStatus status) { return kStatusNames[static_cast<std::size_t>(status)]; }

std::optional<CrewStatus> crew_status_from_string(std::string_view name) {
    for (std::size_t i = 0; i < kStatusNames.size(); ++i)
        if (kStatusNames[i] == name) return static_cast<CrewStatus>(i);
    return std::nullopt;
}

std::string_view to_string(RejectCode code) { return kRejectNames[static_cast<std::size_t>(code)]; }

}  // namespace ems120::protocol
