#include "protocol/messages.hpp"

namespace ems120::protocol {

bool is_sequenced(const Body& body) {
    return std::holds_alternative<PositionFix>(body) || std::holds_alternative<Vitals>(body) ||
           std::holds_alternative<CrewStatusChange>(body) || std::holds_alternative<OrderAck>(body);
}

}  // namespace ems120::protocol
