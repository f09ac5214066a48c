with recursive tree as (
  select t.id from ror.fhir_search_token t where t.resource_type = 'Organization' and t.param = 'identifier' and t.code = @finess
  union
  select r.id from ror.fhir_search_reference r join tree t on r.target_id = t.id where r.resource_type = 'Organization' and r.param = 'partof')
select count(distinct r.id) from ror.fhir_search_reference r join tree t on r.target_id = t.id where r.resource_type = 'HealthcareService' and r.param = 'organization'
