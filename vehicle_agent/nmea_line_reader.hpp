#pragma once
// Cuts a byte stream from a receiver into NMEA sentences. Bytes arrive in arbitrary pieces (a
// serial read, a TCP segment); a sentence split across pieces waits for the rest.
//
// What the reader drops, each counted once as malformed: a run of non-NMEA bytes between
// sentences (a binary UBX message, line noise), a sentence broken by a control or non-ASCII byte,
// one interrupted by the next '$', and one longer than max_sentence_bytes (the standard allows 82
// with CR/LF; the margin is for chatty receivers). After dropping, the reader resynchronises at
// the next '$'.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ems120::agent {

inline constexpr std::size_t kDefaultMaxSentenceBytes = 120;

class NmeaLineReader {
public:
    explicit NmeaLineReader(std::size_t max_sentence_bytes = kDefaultMaxSentenceBytes);

    void append(std::string_view bytes);

    // The next complete sentence from '$' up to (not including) its CR/LF, or nullopt when the
    // rest is still incomplete. The view is valid until the next call to any member.
    std::optional<std::string_view> next_sentence();

    // The stream ended (end of file, link dropped): a last sentence without a line ending is
    // handed out by the following next_sentence() calls, and bytes appended later start afresh.
    void end_of_stream();

    // Everything dropped as described above.
    std::uint64_t dropped() const { return dropped_; }
    // Of those, the ones that had begun as a sentence with '$' (so they count as lines read).
    std::uint64_t dropped_sentences() const { return dropped_sentences_; }

private:
    void drop_sentence();
    void compact();

    std::size_t max_sentence_bytes_;
    std::string buffer_;
    std::size_t scan_ = 0;                       // next byte of buffer_ to look at
    std::optional<std::size_t> sentence_start_;  // where the current '$' is, when inside a sentence
    bool in_junk_ = false;                       // inside a dropped run that was already counted
    std::uint64_t dropped_ = 0;
    std::uint64_t dropped_sentences_ = 0;
};

}  // namespace ems120::agent
