#include "dispatch/incident.hpp"

namespace ems120::dispatch {

std::string_view name_of(Milestone m) {
    constexpr std::array<std::string_view, kMilestoneCount> names{
        "call_received", "unit_notified", "acknowledged", "en_route",  "on_scene",
        "patient_contact", "left_scene", "at_destination", "handover", "back_in_service"};
    return names[static_cast<std::size_t>(m)];
}

std::string_view name_of(IncidentState s) {
    constexpr std::array<std::string_view, 8> names{"waiting", "offered", "assigned", "on_scene",
                                                     "transporting", "at_hospital", "closed", "cancelled"};
    return names[static_cast<std::size_t>(s)];
}

std::string_view name_of(OfferOutcome o) {
    constexpr std::array<std::string_view, 5> names{"pending", "acknowledged", "timed_out", "withdrawn", "released"};
    return names[static_cast<std::size_t>(o)];
}

const Offer* Incident::current_offer() const {
    if (offers.empty()) return nullptr;
    const Offer& last = offers.back();
    return last.outcome == OfferOutcome::pending || last.outcome == OfferOutcome::acknowledged ? &last : nullptr;
}

Offer* Incident::current_offer() {
    return const_cast<Offer*>(static_cast<const Incident*>(this)->current_offer());
}

std::optional<protocol::VehicleId> Incident::unit() const {
    if (!is_open(state)) return std::nullopt;
    if (const Offer* offer = current_offer()) return offer->unit;
    return std::nullopt;
}

std::optional<std::int64_t> Incident::response_ms() const {
    const auto received = time(Milestone::call_received);
    const auto on_scene = time(Milestone::on_scene);
    if (!received || !on_scene) return std::nullopt;
    return *on_scene - *received;
}

}  // namespace ems120::dispatch
