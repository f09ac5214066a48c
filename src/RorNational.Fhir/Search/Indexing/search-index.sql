-- The search index of the FHIR read side, maintained by the publication projection in the
-- same transaction as the events. One row per published resource, and one row per value a
-- search parameter extracts from it. {schema} is the configured Marten schema.
--
-- "requires" is the mask of data classes (DataClass, src/RorNational.Fhir/Access) of the
-- least classified element that carries the value: every lookup keeps only the rows the
-- caller's access profile may see, so a search never matches on data it cannot read. Text columns compared by prefix use the C collation, so a prefix
-- becomes an index range.

create extension if not exists pg_trgm;
create schema if not exists {schema};

create table if not exists {schema}.fhir_search_resource (
    resource_type text not null,
    id text collate "C" not null,
    last_updated timestamptz not null,
    sort_name text collate "C",
    primary key (resource_type, id)
);
create index if not exists fhir_search_resource_updated on {schema}.fhir_search_resource (resource_type, last_updated, id);
create index if not exists fhir_search_resource_name on {schema}.fhir_search_resource (resource_type, sort_name, id);

create table if not exists {schema}.fhir_search_token (
    resource_type text not null,
    id text collate "C" not null,
    param text not null,
    system text collate "C",
    code text collate "C" not null,
    requires integer not null
);
create index if not exists fhir_search_token_value on {schema}.fhir_search_token (resource_type, param, code, system) include (id, requires);
create index if not exists fhir_search_token_resource on {schema}.fhir_search_token (resource_type, id);

create table if not exists {schema}.fhir_search_string (
    resource_type text not null,
    id text collate "C" not null,
    param text not null,
    normalized text collate "C" not null,
    exact text not null,
    requires integer not null
);
create index if not exists fhir_search_string_value on {schema}.fhir_search_string (resource_type, param, normalized) include (id, requires);
create index if not exists fhir_search_string_trigram on {schema}.fhir_search_string using gin (normalized gin_trgm_ops);
create index if not exists fhir_search_string_resource on {schema}.fhir_search_string (resource_type, id);

create table if not exists {schema}.fhir_search_number (
    resource_type text not null,
    id text collate "C" not null,
    param text not null,
    value numeric not null,
    system text collate "C",
    code text collate "C",
    requires integer not null
);
create index if not exists fhir_search_number_value on {schema}.fhir_search_number (resource_type, param, value) include (id, requires, system, code);
create index if not exists fhir_search_number_resource on {schema}.fhir_search_number (resource_type, id);

create table if not exists {schema}.fhir_search_date (
    resource_type text not null,
    id text collate "C" not null,
    param text not null,
    low timestamptz not null,
    high timestamptz not null,
    requires integer not null
);
create index if not exists fhir_search_date_low on {schema}.fhir_search_date (resource_type, param, low) include (id, requires, high);
create index if not exists fhir_search_date_high on {schema}.fhir_search_date (resource_type, param, high) include (id, requires, low);
create index if not exists fhir_search_date_resource on {schema}.fhir_search_date (resource_type, id);

create table if not exists {schema}.fhir_search_reference (
    resource_type text not null,
    id text collate "C" not null,
    param text not null,
    target_type text not null,
    target_id text collate "C" not null,
    requires integer not null
);
create index if not exists fhir_search_reference_target on {schema}.fhir_search_reference (resource_type, param, target_id) include (id, requires, target_type);
create index if not exists fhir_search_reference_resource on {schema}.fhir_search_reference (resource_type, id) include (param, target_type, target_id, requires);

create table if not exists {schema}.fhir_search_position (
    resource_type text not null,
    id text collate "C" not null,
    param text not null,
    latitude double precision not null,
    longitude double precision not null,
    requires integer not null
);
create index if not exists fhir_search_position_point on {schema}.fhir_search_position using gist (point(longitude, latitude));
create index if not exists fhir_search_position_resource on {schema}.fhir_search_position (resource_type, id);

create table if not exists {schema}.fhir_search_text (
    resource_type text not null,
    id text collate "C" not null,
    document tsvector not null,
    requires integer not null
);
create index if not exists fhir_search_text_document on {schema}.fhir_search_text using gin (document);
create index if not exists fhir_search_text_resource on {schema}.fhir_search_text (resource_type, id);

-- The planner's row estimates multiply the selectivities of resource_type, param and value
-- as if they were independent; they are not (a code belongs to one parameter of one type).
-- Extended statistics keep its estimates, and so its join orders, right.
create statistics if not exists fhir_search_token_stats (dependencies, mcv) on resource_type, param, code from {schema}.fhir_search_token;
create statistics if not exists fhir_search_string_stats (dependencies, mcv) on resource_type, param, normalized from {schema}.fhir_search_string;
create statistics if not exists fhir_search_reference_stats (dependencies, mcv) on resource_type, param, target_type from {schema}.fhir_search_reference;
create statistics if not exists fhir_search_number_stats (dependencies, mcv) on resource_type, param, value from {schema}.fhir_search_number;
