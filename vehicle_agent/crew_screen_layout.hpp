#pragma once
// What the crew screen shows, row by row, for a terminal of any size from 80x24 up: the order,
// the distance, ETA and next turn from the live fix along the order's route (turn_guidance), link
// and outbox, status and vitals, the key buttons, and the message line at the bottom. Plain text
// and a tone per row; the curses code (crew_screen_tui.cpp) only paints it, so the layout is
// tested without a terminal.
#include <string>
#include <vector>

#include "vehicle_agent/crew_display.hpp"

namespace ems120::agent {

enum class Tone : std::uint8_t { plain, title, link_down, critical, emergency, urgent, good, warning, button, message };

struct ScreenRow {
    std::string text;  // at most `cols` bytes
    Tone tone = Tone::plain;
};

// Exactly `rows` rows (blank ones pad; the message line is always the last), each cut to `cols`.
std::vector<ScreenRow> lay_out_crew_screen(const CrewSituation& situation, int rows, int cols);

// The guidance lines alone: "TO PATIENT 2.4 km  ETA 4 min", "NEXT: in 350 m turn right", and a
// note on how they were computed.
std::vector<ScreenRow> guidance_rows(const CrewSituation& situation);

}  // namespace ems120::agent
