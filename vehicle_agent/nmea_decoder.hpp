#pragma once
// Bytes from a receiver in, position fixes out: the line reader, the sentence parser and the fix
// assembler in one, with everything they skip counted. Every NMEA source (file, serial, TCP) and
// the fuzzer use it.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "protocol/messages.hpp"
#include "vehicle_agent/input_source.hpp"
#include "vehicle_agent/nmea_fix_assembler.hpp"
#include "vehicle_agent/nmea_line_reader.hpp"

namespace ems120::agent {

struct NmeaCounts {
    std::uint64_t lines = 0;  // sentences read, including those dropped
    std::uint64_t bad_checksum = 0;
    std::uint64_t malformed = 0;    // dropped by the line reader or rejected by the parser
    std::uint64_t unsupported = 0;  // well-formed sentences of other types (GSV, GSA ...): not errors
    NmeaEpochCounts epochs;

    SourceStats source_stats() const { return {lines, bad_checksum, malformed, epochs.fixes}; }
};

class NmeaDecoder {
public:
    explicit NmeaDecoder(std::size_t max_sentence_bytes = kDefaultMaxSentenceBytes);

    void feed(std::string_view bytes, std::vector<protocol::PositionFix>& out);
    // The stream ended or broke off: its last sentence and epoch are taken as they are. Decoding
    // can go on with a new stream (a reconnection) and keeps the date it learned.
    void end_of_stream(std::vector<protocol::PositionFix>& out);

    NmeaCounts counts() const;

private:
    void decode_complete_sentences(std::vector<protocol::PositionFix>& out);

    NmeaLineReader reader_;
    NmeaFixAssembler assembler_;
    NmeaCounts counts_;  // all but what the reader and assembler count themselves
};

}  // namespace ems120::agent
