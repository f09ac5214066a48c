select count(*) from ror.fhir_search_resource r where r.resource_type = 'HealthcareService' and r.last_updated >= @since
