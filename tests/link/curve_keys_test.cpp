#include <catch2/catch.hpp>

#include <sys/stat.h>

#include "link/allow_list.hpp"
#include "link/curve_keys.hpp"
#include "maps/input_error.hpp"
#include "tests/support/temp_dir.hpp"

using namespace ems120;

TEST_CASE("a key pair written to files reads back, the secret file is private and never overwritten") {
    test::TempDir dir;
    const auto keys = link::generate_key_pair();
    const std::string prefix = dir.file("unit");
    link::write_key_pair(keys, prefix);
    struct stat st {};
    REQUIRE(::stat((prefix + ".key").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    const auto back = link::read_key_pair(prefix);
    CHECK(back.secret_key == keys.secret_key);
    CHECK(back.public_key == keys.public_key);
    CHECK(link::read_key_file(prefix + ".pub") == keys.public_key);
    CHECK_THROWS_WITH(link::write_key_pair(link::generate_key_pair(), prefix), Catch::Contains("cannot create") && Catch::Contains("unit.key"));
}

TEST_CASE("a secret key file others can read is refused with the fix to apply") {
    test::TempDir dir;
    link::write_key_pair(link::generate_key_pair(), dir.file("unit"));
    ::chmod(dir.file("unit.key").c_str(), 0644);
    CHECK_THROWS_WITH(link::read_key_pair(dir.file("unit")), Catch::Contains("chmod 600"));
}

TEST_CASE("keys holding '#' (a Z85 character) are read whole, not cut at a comment") {
    test::TempDir dir;
    std::string key;
    for (int i = 0; i < 10'000 && key.find('#') == std::string::npos; ++i) key = link::generate_key_pair().public_key;
    REQUIRE(key.find('#') != std::string::npos);
    CHECK(link::read_key_file(dir.write("k.pub", "# a comment\n" + key + "\n")) == key);
    const auto list = link::AllowList::read(dir.write("allow.txt", "# fleet\nA12 " + key + "   # the new unit\n"));
    CHECK(list.vehicle_for_key(key)->value == "A12");
}

TEST_CASE("a bad allow-list or key file is one error naming the file and line") {
    test::TempDir dir;
    const auto good = link::generate_key_pair().public_key;
    CHECK_THROWS_WITH(link::AllowList::read(dir.write("a1", "A12\n")), Catch::Contains("a1:1") && Catch::Contains("expected"));
    CHECK_THROWS_WITH(link::AllowList::read(dir.write("a2", "A12 notakey\n")), Catch::Contains("a2:1") && Catch::Contains("Z85"));
    CHECK_THROWS_WITH(link::AllowList::read(dir.write("a3", "A12 " + good + "\nB7 " + good + "\n")), Catch::Contains("a3:2") && Catch::Contains("already listed"));
    CHECK_THROWS_WITH(link::AllowList::read(dir.file("missing")), Catch::Contains("cannot read"));
    CHECK_THROWS_WITH(link::read_key_file(dir.write("empty.pub", "")), Catch::Contains("empty"));
    CHECK_THROWS_WITH(link::read_key_file(dir.write("bad.pub", "hello\n")), Catch::Contains("does not hold a CURVE key"));
}
