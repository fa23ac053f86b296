#pragma once
// A small bounds-checked binary container for cached data (the .ems graph file): scalars,
// strings and arrays of trivially copyable values, each array stored as (count, element size,
// bytes padded to 8). The reader checks every size against what is left before allocating, so
// a corrupt or truncated file gives a clear error instead of a crash or a huge allocation.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace ems120 {

class BinaryWriter {
public:
    template <class T>
        requires std::is_trivially_copyable_v<T>
    void put(const T& value) {
        append(&value, sizeof(T));
    }

    template <class T>
        requires std::is_trivially_copyable_v<T>
    void put_array(const std::vector<T>& values) {
        put<std::uint64_t>(values.size());
        put<std::uint32_t>(sizeof(T));
        put<std::uint32_t>(0);  // keeps the data 8-byte aligned
        if (!values.empty()) append(values.data(), values.size() * sizeof(T));
        pad();
    }

    void put_string(std::string_view s);
    const std::string& bytes() const { return bytes_; }
    std::string take() { return std::move(bytes_); }

private:
    void append(const void* data, std::size_t n) { bytes_.append(static_cast<const char*>(data), n); }
    void pad();

    std::string bytes_;
};

class BinaryReader {
public:
    // `what` names the source in error messages ("maps/x.ems").
    BinaryReader(std::string_view bytes, std::string what) : bytes_(bytes), what_(std::move(what)) {}

    template <class T>
        requires std::is_trivially_copyable_v<T>
    T get() {
        T value;
        std::memcpy(&value, take(sizeof(T), "value"), sizeof(T));
        return value;
    }

    template <class T>
        requires std::is_trivially_copyable_v<T>
    void get_array(std::vector<T>& out) {
        const auto count = get<std::uint64_t>();
        const auto element_size = get<std::uint32_t>();
        get<std::uint32_t>();
        if (element_size != sizeof(T)) fail("array element size " + std::to_string(element_size) + " where " +
                                            std::to_string(sizeof(T)) + " was expected");
        if (count > remaining() / sizeof(T)) fail("array of " + std::to_string(count) + " elements runs past the end");
        out.resize(count);
        const char* bytes = take(count * sizeof(T), "array");
        if (count > 0) std::memcpy(out.data(), bytes, count * sizeof(T));  // an empty vector's data() may be null
        skip_padding();
    }

    std::string get_string();
    std::size_t remaining() const { return bytes_.size() - offset_; }
    bool at_end() const { return offset_ == bytes_.size(); }
    // Throws InputError "<what>: corrupt (<reason>)".
    [[noreturn]] void fail(const std::string& reason) const;

private:
    const char* take(std::size_t n, const char* item);
    void skip_padding();

    std::string_view bytes_;
    std::string what_;
    std::size_t offset_ = 0;
};

// A fast 64-bit content hash (8 bytes per step) to detect corruption and changed sources; not
// cryptographic.
std::uint64_t content_hash(std::string_view bytes);

// The content hash of a whole file. Throws InputError when it cannot be read.
std::uint64_t hash_file(const std::string& path);

// The whole file as bytes. Throws InputError when it cannot be read.
std::string read_whole_file(const std::string& path);

}  // namespace ems120
