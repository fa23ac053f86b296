#pragma once
// How urgent a call is, most urgent first. The order is the enum's order, so `a < b` reads
// "a is more urgent than b"; the assignment policy uses it for diversions and travel modes.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ems120::dispatch {

enum class CallPriority : std::uint8_t { critical, emergency, urgent, non_urgent };
inline constexpr std::size_t kCallPriorityCount = 4;

inline constexpr std::size_t index_of(CallPriority p) { return static_cast<std::size_t>(p); }

// Whether a call of priority `a` comes before one of priority `b`.
inline constexpr bool more_urgent(CallPriority a, CallPriority b) { return index_of(a) < index_of(b); }

inline constexpr std::string_view name_of(CallPriority p) {
    constexpr std::array<std::string_view, kCallPriorityCount> names{"critical", "emergency", "urgent", "non_urgent"};
    return names[index_of(p)];
}

}  // namespace ems120::dispatch
