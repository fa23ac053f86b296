#include "vehicle_agent/crew_keys.hpp"

#include <array>
#include <cctype>

#include "protocol/codec.hpp"

namespace ems120::agent {

namespace {

using protocol::CrewStatus;

constexpr std::array<CrewButton, 10> kButtons{{
    {'A', "ACKNOWLEDGE", std::nullopt},
    {'E', "EN ROUTE", CrewStatus::en_route},
    {'S', "ON SCENE", CrewStatus::on_scene},
    {'P', "PATIENT CONTACT", CrewStatus::patient_contact},
    {'T', "TRANSPORTING", CrewStatus::transporting},
    {'H', "AT HOSPITAL", CrewStatus::at_hospital},
    {'O', "HANDOVER", CrewStatus::handover},
    {'V', "AVAILABLE", CrewStatus::available},
    {'X', "OUT OF SERVICE", CrewStatus::out_of_service},
    {'Q', "QUIT", std::nullopt},
}};

// A job's statuses in the order a call passes them; 0 for those outside a job.
int step_of(CrewStatus s) {
    switch (s) {
        case CrewStatus::en_route: return 1;
        case CrewStatus::on_scene: return 2;
        case CrewStatus::patient_contact: return 3;
        case CrewStatus::transporting: return 4;
        case CrewStatus::at_hospital: return 5;
        case CrewStatus::handover: return 6;
        case CrewStatus::available:
        case CrewStatus::out_of_service: return 0;
    }
    return 0;
}

std::string name(CrewStatus s) { return std::string(protocol::to_string(s)); }

CrewKeyOutcome say(std::string message) { return {CrewKeyOutcome::Action::none, CrewStatus::available, std::move(message)}; }

CrewKeyOutcome status_change(CrewStatus to, const CrewKeyContext& c) {
    const int step = step_of(to);
    // Available again with an order on screen ends that job (or stands down from it): not a repeat.
    if (c.status == to && (step > 0 || c.order_id.empty())) return say("already " + name(to));
    if (step > 0) {
        if (c.order_id.empty()) return say("no current order: " + name(to) + " needs one");
        // Skipping ahead is allowed (a button forgotten in the rush); going back is not.
        if (c.status && step_of(*c.status) > step)
            return say("already " + name(*c.status) + ": " + name(to) + " comes before it");
    }
    return {CrewKeyOutcome::Action::send_status, to, {}};
}

}  // namespace

std::span<const CrewButton> crew_buttons() { return kButtons; }

CrewKeyOutcome interpret_crew_key(int key, const CrewKeyContext& context) {
    const int upper = key >= 0 && key < 128 ? std::toupper(key) : key;
    if (context.quit_asked) {
        if (upper == 'Y') return {CrewKeyOutcome::Action::quit, CrewStatus::available, {}};
        return say("quit cancelled");
    }
    if (upper == 'Q') return {CrewKeyOutcome::Action::ask_quit, CrewStatus::available, "quit the crew screen? [Y] yes, any other key no"};
    if (upper == 'A') {
        if (context.order_id.empty()) return say("no order to acknowledge");
        if (context.acknowledged) return say("order " + context.order_id + " is already acknowledged");
        return {CrewKeyOutcome::Action::acknowledge, CrewStatus::available, {}};
    }
    for (const CrewButton& b : kButtons)
        if (b.status && upper == b.key) return status_change(*b.status, context);
    if (key >= 32 && key < 127)
        return say(std::string("key '") + static_cast<char>(key) + "' does nothing: use the keys shown below");
    return say("that key does nothing: use the letter keys shown below");
}

}  // namespace ems120::agent
