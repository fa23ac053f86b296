#include "storage/record_log.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <vector>

#include "storage/record_log_format.hpp"

namespace ems120::storage {

namespace {

std::uint32_t load_u32(const char* p) {
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

void store_u32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

std::uint32_t record_crc(const char* length_field, std::string_view payload) {
    uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(length_field), 4);
    return static_cast<std::uint32_t>(crc32(crc, reinterpret_cast<const Bytef*>(payload.data()), static_cast<uInt>(payload.size())));
}

std::string header_bytes() {
    std::string h(kLogMagic, sizeof kLogMagic);
    store_u32(h, kLogVersion);
    return h;
}

StorageError failure(const std::string& what, const std::filesystem::path& file) {
    return StorageError(what + " " + file.string() + ": " + std::strerror(errno));
}

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return {};
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw failure("cannot read", file);
    return data;
}

// The record starting at `at`, or its length when intact; nullopt when damaged or incomplete.
std::optional<std::uint32_t> intact_record(const std::string& data, std::size_t at) {
    if (data.size() - at < kRecordHeaderBytes) return std::nullopt;
    const char* p = data.data() + at;
    if (load_u32(p) != kRecordMarker) return std::nullopt;
    const std::uint32_t length = load_u32(p + 8);
    if (length > kMaxRecordBytes || data.size() - at - kRecordHeaderBytes < length) return std::nullopt;
    const std::string_view payload(p + kRecordHeaderBytes, length);
    if (record_crc(p + 8, payload) != load_u32(p + 4)) return std::nullopt;
    return length;
}

void write_all(int fd, const char* data, std::size_t size, const std::filesystem::path& file) {
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw failure("cannot write", file);
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
}

}  // namespace

ReadReport read_records(const std::filesystem::path& file,
                        const std::function<void(std::string_view, std::uint64_t)>& visit) {
    ReadReport report;
    const std::string data = read_file(file);
    if (data.empty()) return report;
    if (data.size() < kLogHeaderBytes || data.compare(0, sizeof kLogMagic, kLogMagic, sizeof kLogMagic) != 0)
        throw StorageError(file.string() + " is not an ems120 record log");
    if (load_u32(data.data() + 8) != kLogVersion)
        throw StorageError(file.string() + " has record-log version " + std::to_string(load_u32(data.data() + 8)) +
                           "; this build reads version " + std::to_string(kLogVersion));
    std::size_t at = kLogHeaderBytes;
    report.valid_end = at;
    while (at < data.size()) {
        if (const auto length = intact_record(data, at)) {
            visit(std::string_view(data.data() + at + kRecordHeaderBytes, *length), at);
            ++report.records;
            at += kRecordHeaderBytes + *length;
            report.valid_end = at;
            continue;
        }
        // Damaged: look for the next intact record. None after it means a torn tail.
        std::size_t next = at + 1;
        while (next < data.size() && !intact_record(data, next)) ++next;
        if (report.problem.empty())
            report.problem = "damaged record at byte " + std::to_string(at) + " of " + file.string();
        if (next >= data.size()) {
            report.torn_tail = true;
            break;
        }
        report.skipped_bytes += next - at;
        at = next;
    }
    return report;
}

RecordWriter::RecordWriter(std::filesystem::path file) : file_(std::move(file)) {
    recovery_ = read_records(file_, [](std::string_view, std::uint64_t) {});
    fd_ = ::open(file_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) throw failure("cannot open", file_);
    if (recovery_.valid_end == 0) {
        // New (or empty) file: header first.
        if (::ftruncate(fd_, 0) != 0) throw failure("cannot truncate", file_);
        const std::string h = header_bytes();
        write_all(fd_, h.data(), h.size(), file_);
        written_ = h.size();
    } else {
        // Cut a torn tail away so new records follow the last intact one.
        if (::ftruncate(fd_, static_cast<off_t>(recovery_.valid_end)) != 0) throw failure("cannot truncate", file_);
        written_ = recovery_.valid_end;
    }
    if (::lseek(fd_, static_cast<off_t>(written_), SEEK_SET) < 0) throw failure("cannot seek in", file_);
}

RecordWriter::~RecordWriter() {
    try {
        flush();
    } catch (const StorageError&) {
        // Destructors cannot report; the caller's last flush() already did if the disk failed.
    }
    if (fd_ >= 0) ::close(fd_);
}

void RecordWriter::append(std::string_view payload) {
    if (payload.size() > kMaxRecordBytes) throw StorageError("record of " + std::to_string(payload.size()) + " bytes is too large for " + file_.string());
    store_u32(buffer_, kRecordMarker);
    const std::size_t crc_at = buffer_.size();
    store_u32(buffer_, 0);
    store_u32(buffer_, static_cast<std::uint32_t>(payload.size()));
    buffer_.append(payload);
    const std::uint32_t crc = record_crc(buffer_.data() + crc_at + 4, payload);
    for (int i = 0; i < 4; ++i) buffer_[crc_at + static_cast<std::size_t>(i)] = static_cast<char>((crc >> (8 * i)) & 0xff);
}

void RecordWriter::flush() {
    if (buffer_.empty()) return;
    write_all(fd_, buffer_.data(), buffer_.size(), file_);
    written_ += buffer_.size();
    buffer_.clear();
}

void RecordWriter::sync() {
    flush();
    if (::fdatasync(fd_) != 0) throw failure("cannot sync", file_);
}

}  // namespace ems120::storage
