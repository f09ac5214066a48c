-- HealthcareService?specialty=@system|@code&age-range-low=le@age&age-range-high=ge@age&location.address-postalcode=@postalcode
--   &_include=HealthcareService:organization&_include:iterate=Organization:partof&_include=HealthcareService:location
with recursive page as (
  select s.id from ror.fhir_search_token s
  where s.resource_type = 'HealthcareService' and s.param = 'specialty' and s.system = @system and s.code = @code
    and exists (select 1 from ror.fhir_search_number n where n.resource_type = 'HealthcareService' and n.id = s.id and n.param = 'age-range-low' and n.value <= @age)
    and exists (select 1 from ror.fhir_search_number n where n.resource_type = 'HealthcareService' and n.id = s.id and n.param = 'age-range-high' and n.value >= @age)
    and exists (select 1 from ror.fhir_search_reference l
                join ror.fhir_search_string p on p.resource_type = 'Location' and p.id = l.target_id and p.param = 'address-postalcode'
                where l.resource_type = 'HealthcareService' and l.id = s.id and l.param = 'location' and p.normalized like @postalcode || '%')
  order by s.id limit 200),
tree as (
  select r.target_id as id from ror.fhir_search_reference r join page p on p.id = r.id where r.resource_type = 'HealthcareService' and r.param = 'organization'
  union
  select r.target_id from ror.fhir_search_reference r join tree t on r.id = t.id where r.resource_type = 'Organization' and r.param = 'partof'),
lieux as (select distinct r.target_id as id from ror.fhir_search_reference r join page p on p.id = r.id where r.resource_type = 'HealthcareService' and r.param = 'location')
select h.data->>'Json' from ror.mt_doc_healthcareservicedocument h join page p on p.id = h.id
union all
select o.data->>'Json' from ror.mt_doc_organizationdocument o join tree t on t.id = o.id
union all
select l.data->>'Json' from ror.mt_doc_locationdocument l join lieux x on x.id = l.id
