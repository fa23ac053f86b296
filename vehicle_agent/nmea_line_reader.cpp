#include "vehicle_agent/nmea_line_reader.hpp"

namespace ems120::agent {
namespace {

bool is_printable_ascii(char c) { return c >= 0x20 && c <= 0x7e; }

}  // namespace

NmeaLineReader::NmeaLineReader(std::size_t max_sentence_bytes) : max_sentence_bytes_(max_sentence_bytes) {}

void NmeaLineReader::append(std::string_view bytes) {
    compact();
    buffer_.append(bytes);
}

// Keeps only the unfinished sentence, so the buffer never grows past one sentence plus one read.
void NmeaLineReader::compact() {
    const std::size_t keep_from = sentence_start_.value_or(scan_);
    buffer_.erase(0, keep_from);
    scan_ -= keep_from;
    if (sentence_start_) sentence_start_ = 0;
}

void NmeaLineReader::drop_sentence() {
    ++dropped_;
    ++dropped_sentences_;
    sentence_start_.reset();
    in_junk_ = true;  // the rest of the broken line up to its end belongs to this drop
}

std::optional<std::string_view> NmeaLineReader::next_sentence() {
    while (scan_ < buffer_.size()) {
        const std::size_t at = scan_++;
        const char c = buffer_[at];
        if (!sentence_start_) {
            if (c == '$') {
                sentence_start_ = at;
                in_junk_ = false;
            } else if (c == '\n' || c == '\r') {
                in_junk_ = false;  // a new line: junk after it is a new drop
            } else if (!in_junk_) {
                ++dropped_;
                in_junk_ = true;
            }
            continue;
        }
        if (c == '\r' || c == '\n') {
            const std::size_t start = *sentence_start_;
            sentence_start_.reset();
            return std::string_view(buffer_).substr(start, at - start);
        }
        if (c == '$') {
            drop_sentence();
            sentence_start_ = at;
            in_junk_ = false;
        } else if (!is_printable_ascii(c) || at - *sentence_start_ + 1 > max_sentence_bytes_) {
            drop_sentence();
        }
    }
    return std::nullopt;
}

void NmeaLineReader::end_of_stream() {
    // A line ending ends the last sentence as if the receiver had sent it; the parser then tells
    // a whole sentence from a truncated one by its checksum.
    append("\n");
}

}  // namespace ems120::agent
