#include "vehicle_agent/nmea_decoder.hpp"

#include <variant>

namespace ems120::agent {

NmeaDecoder::NmeaDecoder(std::size_t max_sentence_bytes) : reader_(max_sentence_bytes) {}

void NmeaDecoder::feed(std::string_view bytes, std::vector<protocol::PositionFix>& out) {
    reader_.append(bytes);
    decode_complete_sentences(out);
}

void NmeaDecoder::end_of_stream(std::vector<protocol::PositionFix>& out) {
    reader_.end_of_stream();
    decode_complete_sentences(out);
    assembler_.flush(out);
}

void NmeaDecoder::decode_complete_sentences(std::vector<protocol::PositionFix>& out) {
    while (const auto sentence = reader_.next_sentence()) {
        ++counts_.lines;
        const ParsedNmea parsed = parse_nmea_sentence(*sentence);
        if (const auto* rejection = std::get_if<NmeaRejection>(&parsed)) {
            switch (*rejection) {
                case NmeaRejection::bad_checksum: ++counts_.bad_checksum; break;
                case NmeaRejection::malformed: ++counts_.malformed; break;
                case NmeaRejection::unsupported: ++counts_.unsupported; break;
            }
            continue;
        }
        std::visit(
            [&](const auto& values) {
                if constexpr (!std::is_same_v<std::decay_t<decltype(values)>, NmeaRejection>)
                    assembler_.add(values, out);
            },
            parsed);
    }
}

NmeaCounts NmeaDecoder::counts() const {
    NmeaCounts counts = counts_;
    counts.lines += reader_.dropped_sentences();
    counts.malformed += reader_.dropped();
    counts.epochs = assembler_.counts();
    return counts;
}

}  // namespace ems120::agent
