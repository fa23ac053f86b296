#include "link/allow_list.hpp"

#include <zmq.h>

#include <fstream>
#include <sstream>

#include "link/curve_keys.hpp"
#include "maps/input_error.hpp"

namespace ems120::link {

AllowList AllowList::read(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw InputError("cannot read the allow-list " + file.string());
    AllowList list;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        // '#' is also a Z85 character (inside keys), so a comment is a word that starts with '#'
        // at the start of the line or after the key.
        std::istringstream fields(line);
        std::string vehicle, key, extra;
        if (!(fields >> vehicle) || vehicle[0] == '#') continue;
        const std::string where = file.string() + ":" + std::to_string(number) + ": ";
        if (!(fields >> key) || ((fields >> extra) && extra[0] != '#')) throw InputError(where + "expected 'VEHICLE_ID PUBLIC_KEY'");
        if (!is_z85_key(key)) throw InputError(where + "'" + key + "' is not a 40-character Z85 public key");
        if (list.vehicle_for_key(key)) throw InputError(where + "this key is already listed for " + list.vehicle_for_key(key)->value);
        list.add({vehicle}, key);
    }
    return list;
}

void AllowList::add(const protocol::VehicleId& vehicle, const std::string& public_key_z85) {
    by_key_[public_key_z85] = vehicle;
}

std::optional<protocol::VehicleId> AllowList::vehicle_for_key(const std::string& key) const {
    std::string z85 = key;
    if (key.size() == 32) {
        char text[41];
        zmq_z85_encode(text, reinterpret_cast<const std::uint8_t*>(key.data()), 32);
        z85 = text;
    }
    const auto it = by_key_.find(z85);
    if (it == by_key_.end()) return std::nullopt;
    return it->second;
}

}  // namespace ems120::link
