#include "vehicle_agent/nmea_line_reader.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tests/vehicle_agent/nmea_sentences.hpp"

using ems120::agent::NmeaLineReader;

namespace {

std::vector<std::string> drain(NmeaLineReader& reader) {
    std::vector<std::string> sentences;
    while (const auto s = reader.next_sentence()) sentences.emplace_back(*s);
    return sentences;
}

std::vector<std::string> read_all(NmeaLineReader& reader, const std::string& bytes) {
    reader.append(bytes);
    return drain(reader);
}

}  // namespace

TEST_CASE("sentences separated by CR LF, LF or CR alone come out without their line endings") {
    NmeaLineReader reader;
    const std::string rmc = ems120::test::kUbloxRmc, vtg = ems120::test::kUbloxVtg, gga = ems120::test::kUbloxGga;
    CHECK(read_all(reader, rmc + "\r\n" + vtg + "\n" + gga + "\r") == std::vector{rmc, vtg, gga});
    CHECK(reader.dropped() == 0);
}

TEST_CASE("a sentence split across reads waits for the rest, byte by byte if need be") {
    NmeaLineReader reader;
    const std::string gga = ems120::test::kTextbookGga;
    const std::string stream = gga + "\r\n" + gga + "\r\n";
    std::vector<std::string> sentences;
    for (const char c : stream) {
        reader.append(std::string(1, c));
        for (auto& s : drain(reader)) sentences.push_back(s);
    }
    CHECK(sentences == std::vector{gga, gga});
    CHECK(reader.dropped() == 0);
}

TEST_CASE("binary junk between sentences is counted once and the reader resyncs at the next '$'") {
    NmeaLineReader reader;
    const std::string gga = ems120::test::kTextbookGga;
    // A u-blox UBX-NAV message that slipped in between two sentences.
    const std::string ubx("\xb5\x62\x01\x07\x5c\x00\x10\x27\x00\x00\xe8\x07", 12);
    CHECK(read_all(reader, gga + "\r\n" + ubx + gga + "\r\n") == std::vector{gga, gga});
    CHECK(reader.dropped() == 1);
    CHECK(reader.dropped_sentences() == 0);
}

TEST_CASE("a sentence broken by a control byte is dropped and counted, the next one is kept") {
    NmeaLineReader reader;
    const std::string gga = ems120::test::kTextbookGga;
    std::string broken = gga;
    broken[25] = '\x00';
    CHECK(read_all(reader, broken + "\r\n" + gga + "\r\n") == std::vector{gga});
    CHECK(reader.dropped() == 1);
    CHECK(reader.dropped_sentences() == 1);
}

TEST_CASE("a line longer than the limit is dropped and the reader resyncs at the next '$'") {
    NmeaLineReader reader(120);
    const std::string gga = ems120::test::kTextbookGga;
    const std::string runaway = "$GPTXT," + std::string(300, 'A');
    CHECK(read_all(reader, runaway + "\r\n" + gga + "\r\n") == std::vector{gga});
    CHECK(reader.dropped() == 1);
    CHECK(reader.dropped_sentences() == 1);

    // Exactly at the limit is still a sentence.
    const std::string at_limit = "$" + std::string(119, 'A');
    CHECK(read_all(reader, at_limit + "\n") == std::vector{at_limit});
}

TEST_CASE("a sentence cut short by the next '$' is dropped, the interrupting one is kept") {
    NmeaLineReader reader;
    const std::string gga = ems120::test::kTextbookGga;
    CHECK(read_all(reader, gga.substr(0, 30) + gga + "\r\n") == std::vector{gga});
    CHECK(reader.dropped() == 1);
    CHECK(reader.dropped_sentences() == 1);
}

TEST_CASE("text that is not NMEA is dropped line by line") {
    NmeaLineReader reader;
    const std::string gga = ems120::test::kTextbookGga;
    CHECK(read_all(reader, "hello\r\nworld\r\n" + gga + "\r\n\r\n\r\n") == std::vector{gga});
    CHECK(reader.dropped() == 2);
}

TEST_CASE("at the end of the stream a last sentence without a line ending is handed out") {
    NmeaLineReader reader;
    const std::string gga = ems120::test::kTextbookGga;
    CHECK(read_all(reader, gga + "\r\n" + gga).size() == 1);
    reader.end_of_stream();
    CHECK(drain(reader) == std::vector{gga});
    // A new stream after that starts clean.
    CHECK(read_all(reader, gga + "\n") == std::vector{gga});
    CHECK(reader.dropped() == 0);
}

TEST_CASE("a megabyte of junk, even right after a '$', costs two drops and no sentences") {
    NmeaLineReader reader;
    std::string junk(1 << 20, 'x');
    reader.append(junk);
    CHECK(drain(reader).empty());
    reader.append("$GP");
    CHECK(drain(reader).empty());
    reader.append(junk);
    CHECK(drain(reader).empty());
    CHECK(reader.dropped() == 2);
}
