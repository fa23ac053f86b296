#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <set>

#include "dispatch/sequence_tracker.hpp"

using ems120::dispatch::SequenceTracker;

TEST_CASE("in-order sequence numbers advance the cumulative acknowledgement") {
    SequenceTracker t;
    for (std::uint64_t s = 1; s <= 5; ++s) CHECK(t.mark(s));
    CHECK(t.cumulative() == 5);
    CHECK(t.ack().ranges.empty());
    CHECK_FALSE(t.mark(3));  // a resend is a duplicate
}

TEST_CASE("the live lane running ahead of the backlog shows as selective ranges until the gap fills") {
    SequenceTracker t;
    t.mark(1);
    t.mark(100);  // the newest fix first after a reconnect
    t.mark(101);
    auto ack = t.ack();
    CHECK(ack.cumulative == 1);
    REQUIRE(ack.ranges.size() == 1);
    CHECK(ack.ranges[0] == std::pair<std::uint64_t, std::uint64_t>{100, 101});
    for (std::uint64_t s = 2; s < 100; ++s) t.mark(s);
    CHECK(t.cumulative() == 101);
    CHECK(t.ack().ranges.empty());
}

TEST_CASE("any arrival order with duplicates is processed exactly once") {
    std::vector<std::uint64_t> arrivals;
    for (std::uint64_t s = 1; s <= 2000; ++s) arrivals.push_back(s);
    for (std::uint64_t s = 1; s <= 2000; s += 3) arrivals.push_back(s);  // resends
    std::mt19937 random(7);
    std::shuffle(arrivals.begin(), arrivals.end(), random);
    SequenceTracker t;
    std::set<std::uint64_t> processed;
    for (const auto s : arrivals)
        if (t.mark(s)) CHECK(processed.insert(s).second);
    CHECK(processed.size() == 2000);
    CHECK(t.cumulative() == 2000);
}

TEST_CASE("ranges merge with their neighbours and covers() sees whole ranges only") {
    SequenceTracker t;
    t.mark_range(10, 20);
    t.mark_range(21, 25);
    t.mark_range(5, 9);
    CHECK(t.covers(5, 25));
    CHECK_FALSE(t.covers(4, 25));
    CHECK(t.ack().ranges.size() == 1);
    t.mark_range(1, 4);
    CHECK(t.cumulative() == 25);
}
