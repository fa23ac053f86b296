#pragma once
// The crew screen as a full-screen terminal UI (ncurses), for the unit's built-in display or a
// terminal over SSH: `ems120-agent --screen tui`. The only file that includes curses; the rest of
// the agent sees a CrewDisplay. Works in 80x24 and uses bigger terminals (boxed buttons); a resize
// (SIGWINCH, read from a signalfd like SIGINT, so no signal handler) redraws at the new size.
#include <memory>

#include "vehicle_agent/crew_display.hpp"

namespace ems120::agent {

// Takes over the terminal until destroyed. Throws InputError when standard input or output is
// not a terminal. Call before starting any thread (ZeroMQ's included): SIGWINCH is blocked here
// so that it reaches the signalfd, and only threads started afterwards inherit the block.
std::unique_ptr<CrewDisplay> open_terminal_crew_screen();

}  // namespace ems120::agent
