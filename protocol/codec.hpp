#pragma once
// MessagePack form of protocol/messages.hpp (docs/protocol.md is the contract).
// A ZeroMQ frame holds one or more messages back to back, so a batch costs one frame.
// Decoding is strict: anything the contract does not allow becomes a DecodeError naming the
// reject code, never an exception or a crash, whatever the bytes.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/messages.hpp"

namespace ems120::protocol {

inline constexpr std::size_t kMaxFrameBytes = 64 * 1024;
inline constexpr std::size_t kMaxIdBytes = 64;       // vehicle, order and incident ids
inline constexpr std::size_t kMaxTextBytes = 1024;   // addresses, notes, reject details
// An order's route: a simplified 30 km drive takes 1-3 KiB; the center simplifies harder rather
// than send more (dispatch/offer_route).
inline constexpr std::size_t kMaxRouteBytes = 16 * 1024;
inline constexpr std::size_t kMaxRoutePoints = 4000;
inline constexpr std::uint32_t kMaxOrderEtaMs = 24 * 3'600'000;    // a drive of more than a day is no order
inline constexpr std::uint32_t kMaxOrderDistanceM = 2'000'000;     // nor one of more than 2000 km

// Appends the message's MessagePack form to `out` (frames are built by appending).
void encode(const Message& message, std::string& out);
std::string encode(const Message& message);

struct DecodeContext {
    UnixMillis now = 0;                       // the receiver's clock
    std::int64_t max_future_ms = 5 * 60'000;  // device clocks may run ahead this much
};

struct DecodeError {
    RejectCode code = RejectCode::malformed;
    std::string detail;  // one line a person can act on: which field, what was wrong
    // What could be read before the error, so the reject can name the message.
    VehicleId vehicle;
    Seq seq = 0;
};

struct DecodeResult {
    std::optional<Message> message;  // set when valid
    std::optional<DecodeError> error;
    std::size_t begin = 0, end = 0;  // the message's bytes within the frame
};

// Decodes every message in `frame`. A frame over kMaxFrameBytes is one too_large error; bytes that
// are not MessagePack end the frame with one malformed error after the messages before them.
std::vector<DecodeResult> decode_frame(std::string_view frame, const DecodeContext& context);

// Names on the wire and in logs.
std::string_view type_name(const Body& body);
std::string_view to_string(CrewStatus status);
std::optional<CrewStatus> crew_status_from_string(std::string_view name);
std::string_view to_string(RejectCode code);

}  // namespace ems120::protocol
