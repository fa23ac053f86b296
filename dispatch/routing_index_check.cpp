#include "dispatch/routing_index_check.hpp"

#include <stdexcept>
#include <string>

namespace ems120::dispatch {

const RoutingIndex& checked_routing_index(const RoutingIndex& routing, const char* who) {
    if (!routing.graph || !routing.ch || !routing.segments)
        throw std::invalid_argument(std::string(who) + ": the routing index needs a graph, a hierarchy and a segment index");
    if (!routing.ch->matches(*routing.graph) || &routing.segments->graph() != routing.graph)
        throw std::invalid_argument(std::string(who) + ": hierarchy or segment index built for another graph");
    return routing;
}

}  // namespace ems120::dispatch
