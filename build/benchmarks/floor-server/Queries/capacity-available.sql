-- HealthcareService?location.capacity-status=02&location.nb-capacity=gt0: the UO at a lieu with an indicator "available" above zero.
select h.data->>'Json' from ror.mt_doc_healthcareservicedocument h
where h.id in (select r.id from ror.fhir_search_reference r
               where r.resource_type = 'HealthcareService' and r.param = 'location'
                 and r.target_id in (select c.id from ror.fhir_search_capacity c where c.resource_type = 'Location' and c.status = '02' and c.nb_capacity > 0))
order by h.id limit 200
