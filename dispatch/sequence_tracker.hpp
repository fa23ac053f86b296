#pragma once
// Which of one vehicle stream's sequence numbers the center has processed: everything up to a
// cumulative mark, plus ranges above it (the live lane runs ahead of the backlog). This is what
// makes at-least-once delivery exactly-once processing.
#include <cstddef>
#include <map>

#include "protocol/messages.hpp"

namespace ems120::dispatch {

class SequenceTracker {
public:
    bool seen(protocol::Seq seq) const;
    // Whether every seq in [first, last] was seen.
    bool covers(protocol::Seq first, protocol::Seq last) const;
    // Returns false when it was already seen.
    bool mark(protocol::Seq seq);
    void mark_range(protocol::Seq first, protocol::Seq last);

    protocol::Seq cumulative() const { return cumulative_; }
    // The acknowledgement to send: the cumulative mark and the lowest `max_ranges` ranges.
    protocol::Ack ack(std::size_t max_ranges = 64) const;

private:
    void advance();

    protocol::Seq cumulative_ = 0;
    std::map<protocol::Seq, protocol::Seq> above_;  // first -> last, disjoint, not adjacent
};

}  // namespace ems120::dispatch
