#pragma once
// Append records to one log file and read them back (format: storage/record_log_format.hpp).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ems120::storage {

// The disk failed us (full, read-only, permissions): the message names the file and the reason.
class StorageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ReadReport {
    std::uint64_t records = 0;
    std::uint64_t valid_end = 0;      // offset after the last good record
    std::uint64_t skipped_bytes = 0;  // damaged bytes skipped between good records
    bool torn_tail = false;           // the file ends in an incomplete or damaged record
    std::string problem;              // first problem found, for the log; empty when clean
};

// Calls `visit(payload, offset)` for every intact record in order. A missing file reads as
// empty; a file that is not a record log throws StorageError.
ReadReport read_records(const std::filesystem::path& file,
                        const std::function<void(std::string_view payload, std::uint64_t offset)>& visit);

// Appends to one file. Records are buffered until flush() hands them to the kernel (they then
// survive the process being killed) and sync() makes them durable against power loss.
class RecordWriter {
public:
    // Opens or creates `file`; an existing file is first cut back to its last intact record.
    explicit RecordWriter(std::filesystem::path file);
    ~RecordWriter();
    RecordWriter(const RecordWriter&) = delete;
    RecordWriter& operator=(const RecordWriter&) = delete;

    void append(std::string_view payload);
    void flush();
    void sync();  // flush + fdatasync

    // Bytes in the file including buffered records.
    std::uint64_t size() const { return written_ + buffer_.size(); }
    const std::filesystem::path& path() const { return file_; }
    // What opening found (e.g. a torn tail it cut away), for the log.
    const ReadReport& recovery() const { return recovery_; }

private:
    std::filesystem::path file_;
    int fd_ = -1;
    std::uint64_t written_ = 0;
    std::string buffer_;
    ReadReport recovery_;
};

}  // namespace ems120::storage
