#pragma once
// On-disk layout of a record log (the center's journal, the vehicle's outbox), after LevelDB's
// log format, simplified: records are not split into blocks, each carries a sync marker instead,
// so a reader can find the next good record after a damaged one.
//
//   file   := header record*
//   header := "EMS120RL" (8 bytes) version (u32 LE)
//   record := marker (u32 LE 0x120C0DE5) crc (u32 LE) length (u32 LE) payload (length bytes)
//   crc    := CRC-32 (zlib) of the length field's 4 bytes followed by the payload
//
// A crash mid-append leaves a torn last record: readers stop there and writers truncate it away
// before appending again. Damage elsewhere is skipped to the next marker and reported.
#include <cstddef>
#include <cstdint>

namespace ems120::storage {

inline constexpr char kLogMagic[8] = {'E', 'M', 'S', '1', '2', '0', 'R', 'L'};
inline constexpr std::uint32_t kLogVersion = 1;
inline constexpr std::size_t kLogHeaderBytes = 12;
inline constexpr std::uint32_t kRecordMarker = 0x120C0DE5;
inline constexpr std::size_t kRecordHeaderBytes = 12;
inline constexpr std::uint32_t kMaxRecordBytes = 1u << 20;  // far above any message frame

}  // namespace ems120::storage
