#include "maps/binary_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "maps/input_error.hpp"

namespace ems120 {

void BinaryWriter::put_string(std::string_view s) {
    put<std::uint64_t>(s.size());
    append(s.data(), s.size());
    pad();
}

void BinaryWriter::pad() {
    static constexpr char zeros[8] = {};
    append(zeros, (8 - bytes_.size() % 8) % 8);
}

std::string BinaryReader::get_string() {
    const auto size = get<std::uint64_t>();
    if (size > remaining()) fail("string of " + std::to_string(size) + " bytes runs past the end");
    std::string s(take(size, "string"), size);
    skip_padding();
    return s;
}

void BinaryReader::fail(const std::string& reason) const { throw InputError(what_ + ": corrupt (" + reason + ")"); }

const char* BinaryReader::take(std::size_t n, const char* item) {
    if (n > remaining()) fail(std::string("truncated: a ") + item + " runs past the end");
    const char* p = bytes_.data() + offset_;
    offset_ += n;
    return p;
}

void BinaryReader::skip_padding() {
    const std::size_t pad = (8 - offset_ % 8) % 8;
    if (pad > remaining()) fail("truncated padding");
    offset_ += pad;
}

std::uint64_t content_hash(std::string_view bytes) {
    // Multiply-xorshift over 64-bit words (a variant of the murmur/wyhash mixing step): fast
    // enough to check a 100 MB file in a few tens of milliseconds, and any flipped bit changes it.
    constexpr std::uint64_t k = 0x9E3779B97F4A7C15ull;
    std::uint64_t h = 0x243F6A8885A308D3ull ^ (bytes.size() * k);
    const auto mix = [&](std::uint64_t w) {
        h ^= w * k;
        h = (h << 31 | h >> 33) * 0xBF58476D1CE4E5B9ull;
    };
    std::size_t i = 0;
    for (; i + 8 <= bytes.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, bytes.data() + i, 8);
        mix(w);
    }
    std::uint64_t tail = 0;
    if (i < bytes.size()) std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
    mix(tail);
    h ^= h >> 29;
    h *= 0x94D049BB133111EBull;
    return h ^ (h >> 32);
}

std::string read_whole_file(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw InputError(path + ": cannot read: is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path + ": cannot read: " + std::strerror(errno));
    // Read as a stream, not by size: a pipe (<(...)) or a FIFO is a file too.
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw InputError(path + ": cannot read: " + std::strerror(errno));
    return content;
}

std::uint64_t hash_file(const std::string& path) { return content_hash(read_whole_file(path)); }

}  // namespace ems120
