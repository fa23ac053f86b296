#include "protocol/iso8601_time.hpp"

#include <catch2/catch.hpp>

using ems120::protocol::parse_iso8601_utc;

namespace {
constexpr std::int64_t k20240501T0830Z = 1'714'552'200'000;
}

TEST_CASE("an ISO 8601 UTC time becomes milliseconds since 1970") {
    CHECK(parse_iso8601_utc("2024-05-01T08:30:00Z") == k20240501T0830Z);
    CHECK(parse_iso8601_utc("1970-01-01T00:00:00Z") == 0);
    CHECK(parse_iso8601_utc("2024-02-29T23:59:59Z") == 1'709'251'199'000);  // leap day
}

TEST_CASE("fractions of a second are kept to the millisecond and cut off beyond") {
    CHECK(parse_iso8601_utc("2024-05-01T08:30:00.250Z") == k20240501T0830Z + 250);
    CHECK(parse_iso8601_utc("2024-05-01T08:30:00.1Z") == k20240501T0830Z + 100);
    CHECK(parse_iso8601_utc("2024-05-01T08:30:00.123999Z") == k20240501T0830Z + 123);
}

TEST_CASE("a time with a zone offset names the same instant in UTC") {
    CHECK(parse_iso8601_utc("2024-05-01T16:30:00+08:00") == k20240501T0830Z);
    CHECK(parse_iso8601_utc("2024-05-01T03:00:00-05:30") == k20240501T0830Z);
    CHECK(parse_iso8601_utc("2024-05-01T08:30:00+00:00") == k20240501T0830Z);
}

TEST_CASE("a leap second lands on the next minute") {
    CHECK(parse_iso8601_utc("2016-12-31T23:59:60Z") == parse_iso8601_utc("2017-01-01T00:00:00Z"));
}

TEST_CASE("times without a zone, impossible dates and other text are refused") {
    for (const char* text : {"2024-05-01T08:30:00", "2024-05-01 08:30:00Z", "2024-05-01t08:30:00Z",
                             "2024-05-01T08:30Z", "2024-5-1T08:30:00Z", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
                             "2024-04-31T00:00:00Z", "2024-05-01T24:00:00Z", "2024-05-01T08:60:00Z",
                             "2024-05-01T08:30:00.Z", "2024-05-01T08:30:00+0800", "2024-05-01T08:30:00+24:00",
                             "2024-05-01T08:30:00Z ", "yesterday", ""}) {
        INFO(text);
        CHECK_FALSE(parse_iso8601_utc(text));
    }
}
