-- HealthcareService?organization:above.identifier=@finess: the offer of the whole tree under the organization with that FINESS.
with recursive tree as (
  select t.id from ror.fhir_search_token t where t.resource_type = 'Organization' and t.param = 'identifier' and t.code = @finess
  union
  select r.id from ror.fhir_search_reference r join tree t on r.target_id = t.id where r.resource_type = 'Organization' and r.param = 'partof')
select h.data->>'Json' from ror.mt_doc_healthcareservicedocument h
where h.id in (select r.id from ror.fhir_search_reference r join tree t on r.target_id = t.id where r.resource_type = 'HealthcareService' and r.param = 'organization')
order by h.id limit 200
