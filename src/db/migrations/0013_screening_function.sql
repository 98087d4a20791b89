-- The screening statement as a database function, so that each connection plans it once: planning the
-- statement anew took longer than the direct overlap query takes to run (docs/BENCHMARKS.md, issue 7).
-- A generic plan is forced, and JIT is off: the generic plan's estimates are high enough to trigger a
-- JIT compilation that costs a second.

-- The nearest feature of one layer is found by a KNN scan of this index; on the geometry index alone the
-- scan passed over every other layer's features on its way.
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE INDEX map_feature_version_geom_idx ON map_feature USING gist (layer_version_id, geom);

-- Square metres per square degree (longitude × latitude) of the CGCS2000 ellipsoid at a latitude: M·N·cos φ
-- in radians². A polygon's area is its area in degrees times this factor at its centroid's latitude:
-- the first-order term cancels at the centroid, so the relative error grows with the square of the
-- polygon's extent in latitude (3.7e-9 for a 2 km circle, 3.7e-7 for 20 km, 3.7e-5 for 200 km against
-- PostGIS geography, in test/spatial/ellipsoidal-area.db.test.ts), at a tenth of geography's cost.
CREATE FUNCTION m2_per_square_degree(latitude float8) RETURNS float8
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT (pi() / 180) ^ 2 * 6378137.0 ^ 2 * (1 - 0.00669438002290) * cos(radians(latitude))
         / (1 - 0.00669438002290 * sin(radians(latitude)) ^ 2) ^ 2
$$;

-- What a site (EPSG:4490, GeoJSON or EWKT text) touches, as one JSON object: the site's area, the current
-- rule set, the screened layers with their current versions, the features the site overlaps (area on the
-- ellipsoid), those within the distances the rules ask about, the nearest feature of each sensitive layer,
-- the nearest monitoring stations and sections, and the rules unless they are rule set held_rule_set_id.
-- Read by src/spatial/screening/query.ts.
CREATE FUNCTION screening_facts(site_text text, site_is_geojson boolean, category_code text, held_rule_set_id integer)
  RETURNS json LANGUAGE plpgsql STABLE
  SET plan_cache_mode = force_generic_plan
  SET jit = off
AS $$
DECLARE
  facts json;
BEGIN
  WITH site_shape AS MATERIALIZED (
    SELECT g, ST_Area(g) AS square_degrees, ST_Y(ST_Centroid(g)) AS centre_lat
    FROM (SELECT ST_SetSRID(CASE WHEN site_is_geojson THEN ST_GeomFromGeoJSON(site_text) ELSE ST_GeomFromEWKT(site_text) END, 4490) AS g) s
  ),
  site AS MATERIALIZED (
    SELECT g, g::geography AS gg, square_degrees * m2_per_square_degree(centre_lat) AS area,
           -- Degrees of longitude shrink towards the poles: widen by the highest latitude reached.
           greatest(abs(ST_YMin(g)), abs(ST_YMax(g))) AS lat,
           -- East-west degrees scaled to north-south ones at the site (N·cos φ / M): distances in this
           -- plane rank features as the ellipsoid does, near the site.
           east_scale, ST_Scale(g, east_scale, 1) AS scaled
    FROM site_shape,
         LATERAL (SELECT cos(radians(centre_lat)) * (1 - 0.00669438002290 * sin(radians(centre_lat)) ^ 2) / (1 - 0.00669438002290) AS east_scale) e
  ),
  rule_set AS MATERIALIZED (SELECT id, version FROM screening_rule_set ORDER BY version DESC LIMIT 1),
  current_version AS MATERIALIZED (
    SELECT DISTINCT ON (layer_code) id, layer_code, version, demo FROM map_layer_version ORDER BY layer_code, version DESC
  ),
  reach AS MATERIALIZED (
    SELECT r.layer_code, max(r.within_m)::float8 AS within_m
    FROM screening_rule r JOIN rule_set rs ON rs.id = r.rule_set_id
    WHERE r.within_m IS NOT NULL AND (r.category IS NULL OR r.category = category_code)
    GROUP BY r.layer_code
  ),
  layers AS MATERIALIZED (
    SELECT l.code, l.name, l.zones, l.geometry_type, l.sensitive, l.sort_order, v.id AS version_id, v.version, v.demo, reach.within_m
    FROM map_layer l LEFT JOIN current_version v ON v.layer_code = l.code LEFT JOIN reach ON reach.layer_code = l.code
    WHERE l.screened
  ),
  touched AS MATERIALIZED (
    -- A feature that covers the site overlaps it by the site's area; others are intersected.
    SELECT f.layer_version_id AS version_id, f.id, f.name, f.zone, f.properties, ST_Dimension(f.geom) = 2 AS areal,
           ST_Covers(f.geom, site.g) AS covers, f.geom
    FROM site JOIN map_feature f ON f.geom && site.g AND ST_Intersects(f.geom, site.g)
    WHERE f.layer_version_id IN (SELECT version_id FROM layers WHERE version_id IS NOT NULL)
  ),
  parts AS MATERIALIZED (
    SELECT t.version_id, t.id, t.name, t.zone, t.properties, t.areal, t.covers, ST_Area(x.part) AS square_degrees, ST_Y(ST_Centroid(x.part)) AS lat
    FROM touched t, site,
         LATERAL (SELECT CASE WHEN t.areal AND NOT t.covers THEN ST_Intersection(t.geom, site.g) END AS part OFFSET 0) x
  ),
  hits AS (
    -- A plain column as the factor's argument, so that the function is inlined.
    SELECT p.version_id, p.id, p.name, p.zone, p.properties,
           CASE WHEN NOT p.areal THEN 0::float8
                WHEN p.covers THEN site.area
                ELSE coalesce(p.square_degrees * m2_per_square_degree(p.lat), 0) END AS overlap
    FROM parts p, site
  ),
  near AS (
    SELECT n.version_id, n.id, n.name, n.zone, n.properties, n.distance
    FROM layers l, site,
         LATERAL (
           SELECT f.layer_version_id AS version_id, f.id, f.name, f.zone, f.properties, ST_Distance(f.geom::geography, site.gg) AS distance
           FROM map_feature f
           WHERE f.layer_version_id = l.version_id
             AND f.geom && ST_Expand(site.g,
                   l.within_m * 1.01 / (111320 * cos(radians(least(89, site.lat + l.within_m / 110000.0)))),
                   l.within_m * 1.01 / 110000.0)
             AND ST_DWithin(f.geom::geography, site.gg, l.within_m)
         ) n
    WHERE l.within_m IS NOT NULL AND l.version_id IS NOT NULL
  ),
  closest AS MATERIALIZED (
    -- The closest feature of each sensitive layer in degrees (a KNN scan of the index on version and geometry).
    SELECT l.version_id, n.planar
    FROM layers l, site,
         LATERAL (
           SELECT f.geom <-> site.g AS planar FROM map_feature f WHERE f.layer_version_id = l.version_id
           ORDER BY f.geom <-> site.g LIMIT 1
         ) n
    WHERE l.sensitive AND l.version_id IS NOT NULL
  ),
  nearest_feature AS MATERIALIZED (
    -- A degree of longitude is shorter than one of latitude by cos(latitude): only features within that
    -- factor of the closest in degrees can be the nearest in metres. Among them the nearest is found in
    -- the plane scaled to the ellipsoid at the site. A feature the site touches is 0 m.
    SELECT c.version_id, c.planar, w.id, w.name, w.zone, w.scaled
    FROM closest c, site,
         LATERAL (
           SELECT f.id, f.name, f.zone, ST_Scale(f.geom, site.east_scale, 1) AS scaled FROM map_feature f
           WHERE f.layer_version_id = c.version_id
             AND ST_DWithin(f.geom, site.g, c.planar / cos(radians(least(89, site.lat + 1))) * 1.001)
           ORDER BY CASE WHEN c.planar = 0 THEN 0::float8 ELSE ST_Distance(ST_Scale(f.geom, site.east_scale, 1), site.scaled) END, f.id
           LIMIT 1
         ) w
  ),
  nearest AS (
    -- The distance on the ellipsoid between the two closest points found in the scaled plane. (Geography's
    -- own distance, with edges as great circles, costs ten times more; the two differ by millimetres
    -- for edges under a kilometre, and by 0.005 % at most in the benchmark.)
    SELECT n.version_id, n.id, n.name, n.zone,
           CASE WHEN n.planar = 0 THEN 0::float8
                ELSE ST_Distance(ST_Scale(ST_StartPoint(s.line), 1 / site.east_scale, 1)::geography,
                                 ST_Scale(ST_EndPoint(s.line), 1 / site.east_scale, 1)::geography) END AS distance
    FROM nearest_feature n, site, LATERAL (SELECT ST_ShortestLine(n.scaled, site.scaled) AS line OFFSET 0) s
  ),
  stations AS (
    -- As for the nearest features: on the ellipsoid, to the site's point closest in the scaled plane.
    SELECT k.kind, n.id, n.name,
           ST_Distance(n.geom::geography, ST_Scale(ST_ClosestPoint(site.scaled, ST_Scale(n.geom, site.east_scale, 1)), 1 / site.east_scale, 1)::geography) AS distance
    FROM (VALUES ('air'), ('section')) AS k (kind), site,
         LATERAL (
           SELECT m.id, m.name, m.geom FROM monitoring_site m
           WHERE m.kind = k.kind AND m.status = 'active'
           ORDER BY m.geom <-> site.g LIMIT 3
         ) n
  )
  SELECT json_build_object(
    'site_area', (SELECT area FROM site),
    'rule_set', (SELECT json_build_object('id', id, 'version', version) FROM rule_set),
    'layers', (SELECT coalesce(json_agg(json_build_object('code', code, 'name', name, 'zones', zones, 'geometry_type', geometry_type,
               'sensitive', sensitive, 'version_id', version_id, 'version', version, 'demo', demo) ORDER BY sort_order, code), '[]') FROM layers),
    'hits', (SELECT coalesce(json_agg(json_build_object('version_id', version_id, 'id', id, 'name', name, 'zone', zone,
               'properties', properties, 'overlap', overlap) ORDER BY overlap DESC, id), '[]') FROM hits),
    'near', (SELECT coalesce(json_agg(json_build_object('version_id', version_id, 'id', id, 'name', name, 'zone', zone,
               'properties', properties, 'distance', distance) ORDER BY distance, id), '[]') FROM near),
    'nearest', (SELECT coalesce(json_agg(json_build_object('version_id', version_id, 'id', id, 'name', name, 'zone', zone,
               'distance', distance) ORDER BY distance, id), '[]') FROM nearest),
    'stations', (SELECT coalesce(json_agg(json_build_object('kind', kind, 'id', id, 'name', name, 'distance', distance) ORDER BY kind, distance), '[]') FROM stations),
    'rules', (SELECT coalesce(json_agg(json_build_object('id', r.id, 'layer', r.layer_code, 'zone', r.zone, 'category', r.category,
               'feature_filter', r.feature_filter, 'within_m', r.within_m, 'verdict', r.verdict, 'basis', r.basis,
               'doc', r.doc, 'doc_title', d.title, 'clause', r.clause) ORDER BY r.sort_order, r.id), '[]')
       FROM screening_rule r JOIN rule_set rs ON rs.id = r.rule_set_id LEFT JOIN source_document d ON d.id = r.doc
       WHERE rs.id IS DISTINCT FROM held_rule_set_id)
  ) INTO facts;
  RETURN facts;
END
$$;
