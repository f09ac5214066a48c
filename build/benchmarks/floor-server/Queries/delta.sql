-- One page of HealthcareService?_lastUpdated=ge@since&_sort=_lastUpdated&_count=1000, the page after (@after_updated, @after_id).
select d.data->>'Json' from ror.fhir_search_resource r join ror.mt_doc_healthcareservicedocument d on d.id = r.id
where r.resource_type = 'HealthcareService' and r.last_updated >= @since and (r.last_updated, r.id) > (@after_updated, @after_id)
order by r.last_updated, r.id limit 1000
