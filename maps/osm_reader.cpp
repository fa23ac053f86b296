// The only place that sees libosmium. One pass over the file resolves node locations for ways,
// builds the road graph and takes places from nodes and closed ways. Only when the map has a
// place mapped as a multipolygon relation (rare) does a second pass assemble those areas with
// libosmium's multipolygon manager, so the common case reads the file once.
#include <cstring>
#include <filesystem>
#include <fstream>
// GCC 12 reports a false -Wstringop-overread inside libosmium's area builder once it is
// inlined here (the user name is never read past its end); silence it for this file only.
#pragma GCC diagnostic ignored "-Wstringop-overread"
#include <osmium/area/assembler.hpp>
#include <osmium/area/multipolygon_manager.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/relations/manager_util.hpp>
#include <osmium/visitor.hpp>

#include "maps/input_error.hpp"
#include "maps/osm_map.hpp"
#include "maps/representative_point.hpp"
#include "maps/turn_restrictions.hpp"
#include "maps/way_classifier.hpp"

namespace ems120 {

namespace {

bool is_place_kind(const char* v) {
    static constexpr const char* kinds[] = {"city", "town", "village", "hamlet", "isolated_dwelling"};
    for (const char* k : kinds)
        if (std::strcmp(v, k) == 0) return true;
    return false;
}

enum class PointRole { none, place, station, hospital, clinic };

// Township health centres, clinics and doctors' practices: where a planner may put a substation.
// The kind says which ("clinic", "doctors", "health_centre"); empty when the tags are not one.
std::string clinic_kind(const osmium::TagList& tags) {
    const char* amenity = tags["amenity"];
    const char* healthcare = tags["healthcare"];
    const auto is = [](const char* v, const char* k) { return v && std::strcmp(v, k) == 0; };
    if (is(healthcare, "centre")) return "health_centre";
    if (is(amenity, "clinic") || is(healthcare, "clinic")) return "clinic";
    if (is(amenity, "doctors") || is(healthcare, "doctor")) return "doctors";
    return {};
}

PointRole role_of(const osmium::TagList& tags) {
    if (const char* place = tags["place"]; place && is_place_kind(place)) return PointRole::place;
    if (const char* e = tags["emergency"]; e && std::strcmp(e, "ambulance_station") == 0) return PointRole::station;
    if (const char* a = tags["amenity"]; a && std::strcmp(a, "hospital") == 0) return PointRole::hospital;
    if (!clinic_kind(tags).empty()) return PointRole::clinic;
    return PointRole::none;
}

MapPoint make_point(const osmium::TagList& tags, PointRole role, char type_letter, std::int64_t id, LatLon where) {
    MapPoint p;
    p.source_id = type_letter + std::to_string(id);
    const auto get = [&](const char* key) { const char* v = tags[key]; return std::string(v ? v : ""); };
    p.name_zh = get("name:zh");
    p.name_en = get("name:en");
    p.name = get("name");
    if (p.name.empty()) p.name = !p.name_zh.empty() ? p.name_zh : p.name_en;
    p.kind = role == PointRole::place     ? get("place")
             : role == PointRole::station ? "ambulance_station"
             : role == PointRole::clinic  ? clinic_kind(tags)
                                          : "hospital";
    p.location = where;
    if (const char* pop = tags["population"]) {
        // OSM populations come as "1200", "1 200" or "1,200"; anything else is left unknown.
        std::string digits;
        bool ok = true;
        for (const char* c = pop; *c; ++c) {
            if (std::isdigit(static_cast<unsigned char>(*c))) digits += *c;
            else if (*c != ' ' && *c != ',') ok = false;
        }
        if (ok && !digits.empty() && digits.size() < 12) p.population = std::stoll(digits);
    }
    return p;
}

LatLon to_lat_lon(const osmium::Location& l) { return {l.lat(), l.lon()}; }

std::optional<LatLon> area_point(const osmium::Area& area) {
    // The largest outer ring with its holes stands for the area.
    std::optional<LatLon> best;
    double best_area = -1.0;
    for (const auto& outer : area.outer_rings()) {
        PolygonRings polygon;
        for (const auto& nr : outer)
            if (nr.location().valid()) polygon.outer.push_back(to_lat_lon(nr.location()));
        for (const auto& inner : area.inner_rings(outer)) {
            Ring ring;
            for (const auto& nr : inner)
                if (nr.location().valid()) ring.push_back(to_lat_lon(nr.location()));
            polygon.inners.push_back(std::move(ring));
        }
        const double a = ring_area_deg2(polygon.outer);
        if (a > best_area) {
            if (auto p = representative_point(polygon)) {
                best = p;
                best_area = a;
            }
        }
    }
    return best;
}

class MapContentHandler : public osmium::handler::Handler {
public:
    MapContentHandler(const RoadProfile& profile, OsmMap& map, GraphBuilder& builder)
        : profile_(profile), map_(map), builder_(builder) {}

    void node(const osmium::Node& node) {
        ++map_.summary.osm_nodes;
        if (node.tags().empty()) return;
        const PointRole role = role_of(node.tags());
        if (role != PointRole::none && node.location().valid())
            add(make_point(node.tags(), role, 'n', node.id(), to_lat_lon(node.location())), role);
    }

    void way(const osmium::Way& way) {
        ++map_.summary.osm_ways;
        const auto& tags = way.tags();
        if (tags.empty()) return;
        if (way.is_closed()) add_closed_way_point(way);
        WayTags road_tags;
        for (const auto& t : tags) road_tags.take(t.key(), t.value());
        if (road_tags.highway == nullptr) return;
        const auto routing = classify_way(profile_, road_tags);
        if (!routing) {
            // Counted only for roads the profile drives, not footways closed to cars.
            if (profile_.class_of(road_tags.highway) && access_forbids_ambulance(road_tags))
                ++map_.summary.ways_closed_by_access;
            return;
        }
        ++map_.summary.road_ways;
        ids_.clear();
        locations_.clear();
        for (const auto& nr : way.nodes()) {
            ids_.push_back(nr.ref());
            locations_.push_back(nr.location().valid() ? to_lat_lon(nr.location()) : kUnknownLocation);
        }
        builder_.add_way(way.id(), *routing, ids_, locations_);
    }

    void relation(const osmium::Relation& relation) {
        ++map_.summary.osm_relations;
        const char* type = relation.tags()["type"];
        if (type && std::strcmp(type, "restriction") == 0) {
            add_turn_restriction(relation);
            return;
        }
        if (type && (std::strcmp(type, "multipolygon") == 0 || std::strcmp(type, "boundary") == 0) &&
            role_of(relation.tags()) != PointRole::none)
            has_area_relations_ = true;
    }

    // Areas assembled from multipolygon relations in the second pass (closed ways were done).
    void area(const osmium::Area& area) {
        const PointRole role = role_of(area.tags());
        if (role == PointRole::none || area.from_way()) return;
        if (auto where = area_point(area)) add(make_point(area.tags(), role, 'r', area.orig_id(), *where), role);
    }

    bool has_area_relations() const { return has_area_relations_; }
    const std::vector<TurnRestriction>& turn_restrictions() const { return restrictions_; }

private:
    // type=restriction: from way, via node, to way. Restrictions for other vehicles
    // (restriction:hgv, ...) and those excepting motorcars or emergency vehicles do not bind
    // an ambulance; via ways are not supported and are counted.
    void add_turn_restriction(const osmium::Relation& relation) {
        TurnRestrictionStats& stats = map_.summary.restrictions;
        const auto& tags = relation.tags();
        const char* value = tags["restriction:motorcar"];
        if (!value) value = tags["restriction"];
        if (!value) {
            ++stats.ignored_other;  // only for other vehicles, or conditional
            return;
        }
        if (const char* except = tags["except"]) {
            const std::string_view e = except;
            if (e.find("motorcar") != std::string_view::npos || e.find("emergency") != std::string_view::npos ||
                e.find("ambulance") != std::string_view::npos) {
                ++stats.ignored_other;
                return;
            }
        }
        TurnRestriction r;
        if (std::strncmp(value, "no_", 3) == 0 && std::strcmp(value, "no_entry") != 0 && std::strcmp(value, "no_exit") != 0)
            r.only = false;
        else if (std::strncmp(value, "only_", 5) == 0)
            r.only = true;
        else {
            ++stats.ignored_other;
            return;
        }
        int from = 0, via = 0, to = 0;
        bool via_way = false;
        for (const auto& member : relation.members()) {
            const std::string_view role = member.role();
            if (role == "from" && member.type() == osmium::item_type::way) {
                ++from;
                r.from_way = member.ref();
            } else if (role == "to" && member.type() == osmium::item_type::way) {
                ++to;
                r.to_way = member.ref();
            } else if (role == "via") {
                ++via;
                if (member.type() == osmium::item_type::node) r.via_node = member.ref();
                else via_way = true;
            }
        }
        if (via_way && from == 1 && to == 1) {
            ++stats.ignored_via_way;
            return;
        }
        if (from != 1 || to != 1 || via != 1) {
            ++stats.ignored_other;
            return;
        }
        restrictions_.push_back(r);
    }

    void add_closed_way_point(const osmium::Way& way) {
        const PointRole role = role_of(way.tags());
        if (role == PointRole::none || way.nodes().size() < 4) return;
        PolygonRings polygon;
        for (const auto& nr : way.nodes())
            if (nr.location().valid()) polygon.outer.push_back(to_lat_lon(nr.location()));
        if (polygon.outer.size() + 1 < way.nodes().size()) return;  // cut by the extract
        if (auto where = representative_point(polygon)) add(make_point(way.tags(), role, 'w', way.id(), *where), role);
    }

    void add(MapPoint p, PointRole role) {
        auto& list = role == PointRole::place     ? map_.places
                     : role == PointRole::station ? map_.stations
                     : role == PointRole::clinic  ? map_.clinics
                                                  : map_.hospitals;
        list.push_back(std::move(p));
    }

    const RoadProfile& profile_;
    OsmMap& map_;
    GraphBuilder& builder_;
    bool has_area_relations_ = false;
    std::vector<std::int64_t> ids_;
    std::vector<LatLon> locations_;
    std::vector<TurnRestriction> restrictions_;
};

using LocationIndex = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;

// Second pass, only for maps with places mapped as multipolygon relations.
void assemble_relation_areas(const osmium::io::File& file, MapContentHandler& content) {
    osmium::TagsFilter filter{false};
    for (const char* kind : {"city", "town", "village", "hamlet", "isolated_dwelling"})
        filter.add_rule(true, osmium::TagMatcher{"place", kind});
    filter.add_rule(true, osmium::TagMatcher{"emergency", "ambulance_station"});
    filter.add_rule(true, osmium::TagMatcher{"amenity", "hospital"});
    for (const char* amenity : {"clinic", "doctors"}) filter.add_rule(true, osmium::TagMatcher{"amenity", amenity});
    for (const char* healthcare : {"centre", "clinic", "doctor"})
        filter.add_rule(true, osmium::TagMatcher{"healthcare", healthcare});
    osmium::area::Assembler::config_type assembler_config;
    osmium::area::MultipolygonManager<osmium::area::Assembler> areas{assembler_config, filter};
    osmium::relations::read_relations(file, areas);
    LocationIndex index;
    osmium::handler::NodeLocationsForWays<LocationIndex> locations{index};
    locations.ignore_errors();
    osmium::io::Reader reader{file, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way,
                              osmium::io::read_meta::no};
    while (osmium::memory::Buffer buffer = reader.read())
        osmium::apply(buffer, locations, areas.handler([&content](osmium::memory::Buffer&& done) {
            osmium::apply(done, content);
        }));
    reader.close();
}

void check_readable(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw InputError(path + ": no such file");
    if (std::filesystem::is_directory(path, ec)) throw InputError(path + ": is a directory, not an OSM file");
    std::ifstream probe(path, std::ios::binary);
    if (!probe) throw InputError(path + ": cannot open for reading");
}

// Drops an area place when a place node of the same name and kind lies near it: OSM often maps a
// village both as a node and as a boundary, and it should be counted once.
void drop_duplicate_area_places(std::vector<MapPoint>& places) {
    std::vector<MapPoint> kept;
    for (const auto& p : places) {
        const bool is_area = p.source_id[0] != 'n';
        bool duplicate = false;
        if (is_area && !p.name.empty()) {
            for (const auto& q : places)
                if (q.source_id[0] == 'n' && q.name == p.name && q.kind == p.kind &&
                    std::fabs(q.location.lat - p.location.lat) < 0.05 && std::fabs(q.location.lon - p.location.lon) < 0.05)
                    duplicate = true;
        }
        if (!duplicate) kept.push_back(p);
    }
    places = std::move(kept);
}

}  // namespace

OsmMap read_osm_map(const std::string& path, const RoadProfile& profile, const GraphOptions& options,
                    const ProgressCallback& progress) {
    check_readable(path);
    OsmMap map;
    map.summary.path = path;
    map.summary.file_bytes = std::filesystem::file_size(path);
    GraphBuilder builder(profile.class_names());
    std::vector<TurnRestriction> turn_restrictions;
    try {
        const osmium::io::File file(path);
        MapContentHandler content{profile, map, builder};
        {
            LocationIndex index;
            osmium::handler::NodeLocationsForWays<LocationIndex> locations{index};
            locations.ignore_errors();  // ways cut by the extract boundary lose their missing nodes
            osmium::io::Reader reader{file, osmium::io::read_meta::no};
            const double total = static_cast<double>(std::max<std::uint64_t>(1, map.summary.file_bytes));
            while (osmium::memory::Buffer buffer = reader.read()) {
                osmium::apply(buffer, locations, content);
                if (progress) progress("reading map", std::min(1.0, static_cast<double>(reader.offset()) / total));
            }
            reader.close();
        }
        turn_restrictions = content.turn_restrictions();
        if (content.has_area_relations()) {
            if (progress) progress("assembling multipolygon places", 0.0);
            assemble_relation_areas(file, content);
        }
    } catch (const InputError&) {
        throw;
    } catch (const std::exception& e) {
        throw InputError(path + ": cannot read OSM data (corrupt, truncated or not an OSM file?): " + e.what());
    }
    if (builder.segment_count() == 0) throw InputError(path + ": the map has no drivable roads for the ambulance profile");
    if (progress) progress("building road graph", 0.0);
    map.graph = builder.build(options.min_component_nodes, map.summary.graph);
    apply_turn_restrictions(map.graph, turn_restrictions, map.summary.restrictions);
    if (map.graph.node_count() == 0)
        throw InputError(path + ": no road network of at least " + std::to_string(options.min_component_nodes) +
                         " nodes (the largest has " + std::to_string(map.summary.graph.largest_component) +
                         "); lower --min-component to route on small networks");
    drop_duplicate_area_places(map.places);
    if (progress) progress("building road graph", 1.0);
    return map;
}

}  // namespace ems120
