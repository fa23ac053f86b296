// libFuzzer target: any bytes, as if a hostile or broken client sent them as a frame, through
// the message decoder. Beyond "no crash, no hang, no sanitizer report, no big allocation" it
// checks that every message the decoder accepts encodes and decodes back to the same bytes,
// and that accepted messages obey the validation rules (finite, in range, seq set when needed).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "protocol/codec.hpp"

namespace {

using namespace ems120::protocol;

constexpr UnixMillis kNow = 1'800'000'000'000;

void check_valid(const Message& m) {
    if (m.vehicle.value.empty() || m.vehicle.value.size() > kMaxIdBytes) __builtin_trap();
    if (is_sequenced(m.body) != (m.seq != 0)) __builtin_trap();
    if (const auto* f = std::get_if<PositionFix>(&m.body)) {
        if (!std::isfinite(f->lat) || std::fabs(f->lat) > 90 || !std::isfinite(f->lon) || std::fabs(f->lon) > 180) __builtin_trap();
        if (f->gnss_time > kNow + 300'000) __builtin_trap();
    }
    if (const auto* v = std::get_if<Vitals>(&m.body)) {
        bool any = false;
        for (const auto& value : v->values)
            if (value) {
                any = true;
                if (!std::isfinite(value->value)) __builtin_trap();
            }
        if (!any) __builtin_trap();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view frame(reinterpret_cast<const char*>(data), size);
    const DecodeContext context{kNow, 300'000};
    for (const auto& result : decode_frame(frame, context)) {
        if ((result.message.has_value()) == (result.error.has_value())) __builtin_trap();
        if (!result.message) continue;
        check_valid(*result.message);
        const std::string again = encode(*result.message);
        const auto back = decode_frame(again, context);
        if (back.size() != 1 || !back[0].message || encode(*back[0].message) != again) __builtin_trap();
    }
    return 0;
}
