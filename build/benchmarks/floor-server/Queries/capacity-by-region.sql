-- Location?_tag=<TRE_R30>|@region&_revinclude=HealthcareService:location&_count=100: a page of the région's lieux and the UO at them.
with page as (
  select t.id from ror.fhir_search_token t
  where t.resource_type = 'Location' and t.param = '_tag' and t.system = 'https://mos.esante.gouv.fr/NOS/TRE_R30-RegionOM/FHIR/TRE-R30-RegionOM' and t.code = @region
  order by t.id limit 100)
select d.data->>'Json' from ror.mt_doc_locationdocument d join page p on p.id = d.id
union all
select h.data->>'Json' from ror.mt_doc_healthcareservicedocument h
where h.id in (select r.id from ror.fhir_search_reference r join page p on r.target_id = p.id where r.resource_type = 'HealthcareService' and r.param = 'location')
