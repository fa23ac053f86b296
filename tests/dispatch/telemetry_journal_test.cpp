#include <catch2/catch.hpp>

#include <fstream>

#include "dispatch/telemetry_journal.hpp"
#include "tests/support/temp_dir.hpp"

using namespace ems120::dispatch;

TEST_CASE("the journal replays every committed record in order, across segments and reopenings") {
    ems120::test::TempDir dir;
    JournalOptions options{dir.path() / "journal", 4096, false};
    {
        TelemetryJournal journal(options);
        for (int i = 0; i < 300; ++i) {
            journal.append(1000 + i, "message " + std::to_string(i));
            if (i % 10 == 9) journal.commit();
        }
        journal.commit();
    }
    {
        TelemetryJournal journal(options);
        journal.append(5000, "after restart");
        journal.commit();
    }
    std::vector<std::string> seen;
    const auto replay = TelemetryJournal::replay(options.directory, [&](ems120::protocol::UnixMillis received, std::string_view m) {
        seen.emplace_back(m);
        if (seen.size() == 1) CHECK(received == 1000);
    });
    CHECK(replay.segments > 1);  // 4 KiB segments rotate
    REQUIRE(seen.size() == 301);
    CHECK(seen[299] == "message 299");
    CHECK(seen[300] == "after restart");
    CHECK(replay.problems.empty());
}

TEST_CASE("a torn journal tail is reported and the records before it replay") {
    ems120::test::TempDir dir;
    JournalOptions options{dir.path() / "journal", 1 << 20, true};
    {
        TelemetryJournal journal(options);
        for (int i = 0; i < 10; ++i) journal.append(i, "message " + std::to_string(i));
        journal.commit();
    }
    const auto segment = options.directory / "00000001.journal";
    const auto size = std::filesystem::file_size(segment);
    std::filesystem::resize_file(segment, size - 3);
    int count = 0;
    const auto replay = TelemetryJournal::replay(options.directory, [&](auto, std::string_view) { ++count; });
    CHECK(count == 9);
    REQUIRE(replay.problems.size() == 1);
    CHECK_THAT(replay.problems[0], Catch::Contains("torn tail"));
}
