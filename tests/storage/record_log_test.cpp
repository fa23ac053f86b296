#include <catch2/catch.hpp>

#include <fstream>
#include <vector>

#include "storage/record_log.hpp"
#include "storage/record_log_format.hpp"
#include "tests/support/temp_dir.hpp"

using namespace ems120::storage;

namespace {

std::vector<std::string> read_all(const std::filesystem::path& file, ReadReport* report = nullptr) {
    std::vector<std::string> out;
    const auto r = read_records(file, [&](std::string_view payload, std::uint64_t) { out.emplace_back(payload); });
    if (report) *report = r;
    return out;
}

std::string record(int i) { return "record " + std::to_string(i) + std::string(static_cast<std::size_t>(i % 7) * 10, 'x'); }

void write_records(const std::filesystem::path& file, int count) {
    RecordWriter writer(file);
    for (int i = 0; i < count; ++i) writer.append(record(i));
    writer.sync();
}

std::string contents(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void overwrite(const std::filesystem::path& file, const std::string& data) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << data;
}

}  // namespace

TEST_CASE("records read back in the order they were appended, across reopenings") {
    ems120::test::TempDir dir;
    const auto file = dir.path() / "log";
    write_records(file, 100);
    {
        RecordWriter writer(file);
        writer.append("after reopening");
    }
    const auto records = read_all(file);
    REQUIRE(records.size() == 101);
    CHECK(records[0] == record(0));
    CHECK(records[99] == record(99));
    CHECK(records[100] == "after reopening");
}

TEST_CASE("records not yet flushed are not in the file; flushed ones are") {
    ems120::test::TempDir dir;
    const auto file = dir.path() / "log";
    RecordWriter writer(file);
    writer.append("one");
    CHECK(read_all(file).empty());
    writer.flush();
    CHECK(read_all(file) == std::vector<std::string>{"one"});
}

TEST_CASE("a torn last record (a crash mid-write) is ignored by readers and cut away by the next writer") {
    ems120::test::TempDir dir;
    const auto file = dir.path() / "log";
    write_records(file, 10);
    const std::string whole = contents(file);
    for (std::size_t cut : {std::size_t{1}, std::size_t{5}, std::size_t{13}}) {
        overwrite(file, whole.substr(0, whole.size() - cut));
        ReadReport report;
        CHECK(read_all(file, &report).size() == 9);
        CHECK(report.torn_tail);
    }
    {
        RecordWriter writer(file);
        CHECK(writer.recovery().torn_tail);
        writer.append("next");
    }
    ReadReport report;
    const auto records = read_all(file, &report);
    CHECK(records.size() == 10);
    CHECK(records.back() == "next");
    CHECK_FALSE(report.torn_tail);
}

TEST_CASE("a flipped bit in the middle loses only that record, is reported, and reading goes on") {
    ems120::test::TempDir dir;
    const auto file = dir.path() / "log";
    write_records(file, 20);
    std::string data = contents(file);
    data[data.size() / 2] ^= 0x10;
    overwrite(file, data);
    ReadReport report;
    const auto records = read_all(file, &report);
    CHECK(records.size() == 19);
    CHECK(records.back() == record(19));
    CHECK(report.skipped_bytes > 0);
    CHECK_THAT(report.problem, Catch::Contains("damaged record"));
}

TEST_CASE("a file that is not a record log is refused with its name, not misread") {
    ems120::test::TempDir dir;
    const auto file = dir.write("notes.txt", "this is not a log file at all");
    CHECK_THROWS_WITH(read_all(file), Catch::Contains("notes.txt") && Catch::Contains("not an ems120 record log"));
    CHECK_THROWS_AS(RecordWriter(file), StorageError);
}

TEST_CASE("a missing file reads as empty") {
    ems120::test::TempDir dir;
    CHECK(read_all(dir.path() / "absent").empty());
}
