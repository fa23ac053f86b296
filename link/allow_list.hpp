#pragma once
// Which vehicles may connect: one line per vehicle, "VEHICLE_ID PUBLIC_KEY" (Z85), '#' comments.
// The center admits a CURVE client only when its public key is listed, and then knows which
// vehicle it is: a vehicle cannot send data in another vehicle's name.
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "protocol/messages.hpp"

namespace ems120::link {

class AllowList {
public:
    // Throws InputError naming the file and line for a malformed line, a bad key or a repeat.
    static AllowList read(const std::filesystem::path& file);
    void add(const protocol::VehicleId& vehicle, const std::string& public_key_z85);

    // The vehicle a public key (32 raw bytes or 40 Z85 characters) belongs to.
    std::optional<protocol::VehicleId> vehicle_for_key(const std::string& key) const;
    std::size_t size() const { return by_key_.size(); }

private:
    std::map<std::string, protocol::VehicleId> by_key_;  // Z85 -> vehicle
};

}  // namespace ems120::link
