#pragma once
// A typed integer id: a NodeId cannot be passed where an EdgeId is expected.
#include <compare>
#include <cstdint>
#include <functional>
#include <limits>

namespace ems120 {

template <typename Tag, typename Int = std::uint32_t>
class StrongId {
public:
    using value_type = Int;
    static constexpr Int invalid_value = std::numeric_limits<Int>::max();

    constexpr StrongId() = default;
    constexpr explicit StrongId(Int value) : value_(value) {}

    constexpr Int value() const { return value_; }
    constexpr bool valid() const { return value_ != invalid_value; }
    static constexpr StrongId invalid() { return StrongId(); }

    constexpr auto operator<=>(const StrongId&) const = default;

private:
    Int value_ = invalid_value;
};

}  // namespace ems120

template <typename Tag, typename Int>
struct std::hash<ems120::StrongId<Tag, Int>> {
    std::size_t operator()(ems120::StrongId<Tag, Int> id) const noexcept { return std::hash<Int>{}(id.value()); }
};
