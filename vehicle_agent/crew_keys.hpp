#pragma once
// The crew screen's single-key buttons and the rules for pressing them, apart from any terminal
// so they can be tested: what each key asks for, and the one-line message when it cannot be done
// (no order, a status that goes backwards, an unknown key).
//
//   [A] acknowledge   [E] en route   [S] on scene   [P] patient contact   [T] transporting
//   [H] at hospital   [O] handover   [V] available  [X] out of service    [Q] quit (asks first)
//
// [A] sends the order acknowledgement (OrderAck), the very message the center records as
// "acknowledged" (dispatch/incident_book); on the crew screen orders are not acknowledged on
// arrival, so the center's acknowledgement timeout measures the crew. A job status sent before
// [A] counts as acknowledgement too (the center says so; the screen follows it).
#include <optional>
#include <span>
#include <string>

#include "protocol/messages.hpp"

namespace ems120::agent {

struct CrewButton {
    char key;
    const char* label;
    std::optional<protocol::CrewStatus> status;  // none: [A] acknowledge, [Q] quit
};

// In the order they are drawn.
std::span<const CrewButton> crew_buttons();

struct CrewKeyContext {
    std::string order_id;  // the order on screen; empty when none
    bool acknowledged = false;
    std::optional<protocol::CrewStatus> status;  // the crew's last status
    bool quit_asked = false;                      // [Q] was pressed and waits for [Y]
};

struct CrewKeyOutcome {
    enum class Action { none, acknowledge, send_status, ask_quit, quit } action = Action::none;
    protocol::CrewStatus status = protocol::CrewStatus::available;  // for send_status
    std::string message;  // for the message line; empty when the action speaks for itself
};

// `key` as curses reads it (a byte, or a KEY_* code above 255).
CrewKeyOutcome interpret_crew_key(int key, const CrewKeyContext& context);

}  // namespace ems120::agent
