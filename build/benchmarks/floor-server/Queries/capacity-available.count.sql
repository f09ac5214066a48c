select count(distinct r.id) from ror.fhir_search_reference r
where r.resource_type = 'HealthcareService' and r.param = 'location'
  and r.target_id in (select c.id from ror.fhir_search_capacity c where c.resource_type = 'Location' and c.status = '02' and c.nb_capacity > 0)
